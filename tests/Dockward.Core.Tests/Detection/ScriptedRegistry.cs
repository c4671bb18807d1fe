using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Dockward.Core.Tests.Detection;

/// <summary>
/// An in-memory registry and token service for paths the real servers cannot be made to take (a token revoked
/// midway, realms on other hosts). Registry requests answer 401 with a Bearer challenge unless
/// <see cref="Accepts"/> takes the token; <c>/token</c> on any host issues <c>t1</c>, <c>t2</c>, …
/// </summary>
internal sealed class ScriptedRegistry : HttpMessageHandler
{
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private int issued;

    /// <summary>Where the challenge sends clients for tokens.</summary>
    public string Realm { get; set; } = "https://registry.example.com/token";

    /// <summary>Which bearer tokens the registry takes; every issued one by default.</summary>
    public Func<string, bool> Accepts { get; set; } = _ => true;

    /// <summary>The token service's answer for token number n; JSON with <c>token</c> and <c>expires_in</c> 300 by default.</summary>
    public Func<int, string> TokenAnswer { get; set; } = n => $$"""{"token":"t{{n}}","expires_in":300}""";

    /// <summary>Every request seen: its address and Authorization header (null when absent).</summary>
    public ConcurrentQueue<(Uri Uri, string? Authorization)> Seen { get; } = new();

    public IEnumerable<(Uri Uri, string? Authorization)> TokenRequests => Seen.Where(r => r.Uri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal));

    public int RegistryRequests => Seen.Count(r => r.Uri.AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        Seen.Enqueue((uri, request.Headers.Authorization?.ToString()));
        if (uri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
        {
            var answer = TokenAnswer(Interlocked.Increment(ref issued));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") });
        }

        if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token } && Accepts(token))
        {
            var found = new HttpResponseMessage(HttpStatusCode.OK);
            found.Headers.TryAddWithoutValidation("Docker-Content-Digest", Digest);
            return Task.FromResult(found);
        }

        var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        var name = uri.AbsolutePath[4..uri.AbsolutePath.IndexOf("/manifests/", StringComparison.Ordinal)];
        challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer realm=\"{Realm}\",service=\"{uri.Host}\",scope=\"repository:{name}:pull\"");
        return Task.FromResult(challenge);
    }
}
