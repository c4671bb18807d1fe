namespace Dockward.Core.Detection.Auth;

/// <summary>The requests one check sent (registry and token service): how many, and the first few by method and URL.</summary>
internal sealed class CheckRequests
{
    private const int MaxKept = 8;
    private readonly List<string> sources = [];
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>The first requests, e.g. <c>HEAD https://ghcr.io/v2/org/app/manifests/1.4</c>; never query strings (token requests carry scopes and accounts).</summary>
    public IReadOnlyList<string> Sources
    {
        get
        {
            lock (sources)
            {
                return [.. sources];
            }
        }
    }

    internal void Add(HttpRequestMessage? request)
    {
        Interlocked.Increment(ref count);
        if (request?.RequestUri is not { } uri)
        {
            return;
        }

        lock (sources)
        {
            if (sources.Count < MaxKept)
            {
                sources.Add($"{request.Method} {uri.GetLeftPart(UriPartial.Path)}");
            }
        }
    }
}
