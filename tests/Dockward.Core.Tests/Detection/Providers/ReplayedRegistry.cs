using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>
/// A cloud or product registry that cannot run here, replayed from its documentation: registry requests without
/// the token it issued get a 401 with the provider's documented <c>WWW-Authenticate</c> challenge
/// (<see cref="Challenge"/>, <c>{repository}</c> filled in); requests to <see cref="Realm"/> get its documented
/// token answer. Every request is recorded with its Authorization header and body.
/// </summary>
internal sealed class ReplayedRegistry : HttpMessageHandler
{
    public const string Digest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    /// <summary>The challenge a registry request without a valid token gets; <c>{repository}</c> is replaced.</summary>
    public required string Challenge { get; init; }

    /// <summary>The token service's address (scheme, host, path); requests there get <see cref="TokenAnswer"/>.</summary>
    public required Uri Realm { get; init; }

    /// <summary>The token service's answer body.</summary>
    public string TokenAnswer { get; init; } = """{"token":"replayed-token","expires_in":300}""";

    /// <summary>The bearer token the registry takes (the one <see cref="TokenAnswer"/> carries).</summary>
    public string AcceptedToken { get; init; } = "replayed-token";

    /// <summary>Basic credentials (<c>user:password</c>) the registry takes directly, as Nexus and ECR do; none by default.</summary>
    public string? AcceptedBasic { get; set; }

    /// <summary>Headers every registry answer carries (e.g. Docker Hub's rate-limit headers).</summary>
    public Dictionary<string, string> AnswerHeaders { get; } = [];

    /// <summary>When set, the registry's answer to an authorised request instead of 200 with the digest.</summary>
    public Func<HttpResponseMessage>? AuthorisedAnswer { get; set; }

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public IEnumerable<SeenRequest> TokenRequests => Seen.Where(r => r.Uri.GetLeftPart(UriPartial.Path) == Realm.GetLeftPart(UriPartial.Path));

    public IEnumerable<SeenRequest> RegistryRequests => Seen.Where(r => r.Uri.AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal) && !TokenRequests.Contains(r));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Seen.Enqueue(new SeenRequest(request.Method, uri, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
        if (uri.GetLeftPart(UriPartial.Path) == Realm.GetLeftPart(UriPartial.Path))
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TokenAnswer, Encoding.UTF8, "application/json") };
        }

        var authorization = request.Headers.Authorization;
        var authorised = (authorization is { Scheme: "Bearer" } && authorization.Parameter == AcceptedToken)
            || (AcceptedBasic is not null && authorization is { Scheme: "Basic" }
                && Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter ?? "")) == AcceptedBasic);
        var response = authorised ? AuthorisedAnswer?.Invoke() ?? Found() : Refused(uri);
        foreach (var (name, value) in AnswerHeaders)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static HttpResponseMessage Found()
    {
        var found = new HttpResponseMessage(HttpStatusCode.OK);
        found.Headers.TryAddWithoutValidation("Docker-Content-Digest", Digest);
        return found;
    }

    private HttpResponseMessage Refused(Uri uri)
    {
        var refused = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        var path = uri.AbsolutePath;
        var repository = path[4..path.IndexOf("/manifests/", StringComparison.Ordinal)];
        refused.Headers.TryAddWithoutValidation("WWW-Authenticate", Challenge.Replace("{repository}", repository, StringComparison.Ordinal));
        return refused;
    }
}

/// <summary>One request a replayed registry or token service saw.</summary>
internal sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body)
{
    /// <summary>The Basic credentials sent, decoded (<c>user:password</c>), or null.</summary>
    public string? BasicCredentials =>
        Authorization is { } value && value.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(value[6..]))
            : null;

    /// <summary>A query parameter, decoded.</summary>
    public string? Query(string name) =>
        Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv[0] == name)
            .Select(kv => Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""))
            .FirstOrDefault();
}
