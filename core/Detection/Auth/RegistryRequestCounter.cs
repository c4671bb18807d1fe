namespace Dockward.Core.Detection.Auth;

/// <summary>
/// How many requests detection sent: to registries and to token services, in total (read by benchmarks and
/// tests) and per check (<see cref="StartCheck"/>), so each check's history says what it cost and where its
/// answer came from.
/// </summary>
internal sealed class RegistryRequestCounter
{
    // The pipeline's handlers run in the check's own async flow, so an AsyncLocal reaches them without
    // threading the tally through every call and request.
    private static readonly AsyncLocal<CheckRequests?> Current = new();

    private long registryRequests;
    private long tokenRequests;

    public long RegistryRequests => Interlocked.Read(ref registryRequests);

    public long TokenRequests => Interlocked.Read(ref tokenRequests);

    public long Total => RegistryRequests + TokenRequests;

    /// <summary>
    /// Starts counting the requests of one check: those sent from the calling async flow from now on. Call it
    /// at the top of an async method; the tally stops with that method.
    /// </summary>
    public static CheckRequests StartCheck()
    {
        var tally = new CheckRequests();
        Current.Value = tally;
        return tally;
    }

    public void CountRegistryRequest(HttpRequestMessage? request = null)
    {
        Interlocked.Increment(ref registryRequests);
        Current.Value?.Add(request);
    }

    public void CountTokenRequest(HttpRequestMessage? request = null)
    {
        Interlocked.Increment(ref tokenRequests);
        Current.Value?.Add(request);
    }
}
