namespace Dockward.Core.Detection.Auth;

/// <summary>How many requests detection sent: to registries and to token services. Read by benchmarks and tests.</summary>
internal sealed class RegistryRequestCounter
{
    private long registryRequests;
    private long tokenRequests;

    public long RegistryRequests => Interlocked.Read(ref registryRequests);

    public long TokenRequests => Interlocked.Read(ref tokenRequests);

    public long Total => RegistryRequests + TokenRequests;

    public void CountRegistryRequest() => Interlocked.Increment(ref registryRequests);

    public void CountTokenRequest() => Interlocked.Increment(ref tokenRequests);
}
