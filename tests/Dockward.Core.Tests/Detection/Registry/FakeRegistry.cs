using System.Collections.Concurrent;
using System.Net;

namespace Dockward.Core.Tests.Detection.Registry;

/// <summary>
/// A fake registry for answers the real distribution registry never gives (no Docker-Content-Digest, foreign or looping
/// <c>Link</c> headers, oversized or malformed bodies). Each request is answered by <see cref="Answer"/>, built as the
/// OCI distribution spec describes the exchange (github.com/opencontainers/distribution-spec/blob/main/spec.md:
/// "Pulling manifests", "Listing Tags"; RFC 8288 for <c>Link</c>).
/// </summary>
internal sealed class FakeRegistry : HttpMessageHandler
{
    public const string Host = "registry.example.com";

    /// <summary>The answer to a request; 404 for everything by default.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

    /// <summary>Every request seen, in order: method and address.</summary>
    public ConcurrentQueue<(HttpMethod Method, Uri Uri)> Seen { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Seen.Enqueue((request.Method, request.RequestUri!));
        var response = Answer(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
