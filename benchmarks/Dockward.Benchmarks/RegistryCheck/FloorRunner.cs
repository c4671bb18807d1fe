using Dockward.Core.Detection.Registry;
using System.Net;
using System.Net.Http.Headers;
using Dockward.Core.Detection;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// The floor for a check of N images: a bare HttpClient (one SocketsHttpHandler, keep-alive, no factory, no handlers,
/// no stores) doing the same N manifest HEADs with the same Accept header and the same concurrency limit as the check.
/// For a token registry each HEAD carries its repository's token, fetched before the timing starts.
/// </summary>
internal sealed class FloorRunner : IDisposable
{
    private readonly HttpClient http;
    private readonly int concurrency;

    /// <param name="concurrency">The check's own limit: the smaller of MaxConcurrentChecks and MaxConcurrentPerRegistry.</param>
    public FloorRunner(int concurrency)
    {
        this.concurrency = concurrency;
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>N HEADs untimed: connections opened, code jitted.</summary>
    /// <param name="tokens">A bearer token per repository, or null for an anonymous registry.</param>
    public Task WarmUpAsync(string registryHost, IReadOnlyList<PushedImage> images, IReadOnlyDictionary<string, string>? tokens, CancellationToken cancellationToken) =>
        HeadAllAsync(registryHost, images, tokens, cancellationToken);

    /// <summary>
    /// N HEADs, timed. Throws when any answer is not the pushed digest: a floor that skipped work would be no floor.
    /// </summary>
    /// <param name="tokens">A bearer token per repository, or null for an anonymous registry.</param>
    public async Task<FloorRun> RunAsync(string registryHost, IReadOnlyList<PushedImage> images, IReadOnlyDictionary<string, string>? tokens, CancellationToken cancellationToken)
    {
        var measurement = Measurement.Start();
        var requests = await HeadAllAsync(registryHost, images, tokens, cancellationToken);
        return new FloorRun(images.Count, requests, measurement.Stop());
    }

    private async Task<int> HeadAllAsync(string registryHost, IReadOnlyList<PushedImage> images, IReadOnlyDictionary<string, string>? tokens, CancellationToken cancellationToken)
    {
        var requests = 0;
        await Parallel.ForEachAsync(
            images,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (image, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{registryHost}/v2/{image.Repository}/manifests/{image.Tag}"));
                foreach (var type in ManifestMediaTypes.All)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }

                if (tokens is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[image.Repository]);
                }

                Interlocked.Increment(ref requests);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
                if (response.StatusCode != HttpStatusCode.OK || digest != image.Digest)
                {
                    throw new InvalidOperationException(
                        $"The floor's HEAD of {image.Repository}:{image.Tag} got {(int)response.StatusCode} with digest {digest}, not {image.Digest}");
                }
            });
        return requests;
    }

    public void Dispose() => http.Dispose();
}
