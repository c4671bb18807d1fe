using System.Net;
using System.Net.Http.Headers;

namespace Dockward.Core.Detection.Auth;

/// <summary>
/// The Bearer challenge flow for registry requests: send; on a 401 with <c>WWW-Authenticate: Bearer</c>, get a
/// token (cached per registry, service and scope) and send once more with it. A token the registry refuses is
/// dropped and replaced once; after that the 401 stands. Registries already known to want a token get one up
/// front, so a warm check costs one request. Basic credentials are set by the caller (<see cref="RegistryClient"/>).
/// </summary>
internal sealed class RegistryAuthHandler(
    RegistryTokenCache cache, RegistryTokenClient tokens, RegistryFirstContact firstContact, RegistryRequestCounter counter) : DelegatingHandler
{
    /// <summary>The name of <see cref="Credential"/>, for Refit's <c>[Property]</c> (attribute arguments must be constants).</summary>
    public const string CredentialKey = "Dockward.Registry.Credential";

    /// <summary>The credentials configured for the request's registry, for the token service.</summary>
    public static readonly HttpRequestOptionsKey<RegistryCredential?> Credential = new(CredentialKey);

    /// <summary>Set when no token could be had: why, for the check's failure message.</summary>
    public static readonly HttpRequestOptionsKey<string> AuthFailure = new("Dockward.Registry.AuthFailure");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A registry request needs an address.");
        var registry = uri.Authority;
        var requestScope = ScopeOf(uri);
        request.Options.TryGetValue(Credential, out var credential);

        string? sent = null;
        TokenCacheKey? sentKey = null;
        RegistryToken? upFront = null;
        HttpResponseMessage response;
        AuthChallenge? challenge;
        using (cache.KnownChallenge(registry) is null ? await firstContact.WaitAsync(registry, cancellationToken) : null)
        {
            if (cache.KnownChallenge(registry) is { } known && requestScope is not null)
            {
                sentKey = TokenCacheKey.For(registry, known.Service, requestScope);
                upFront = await cache.GetAsync(sentKey, () => Fetch(uri, known, requestScope, credential), cancellationToken);
                sent = upFront.Value;
            }

            response = await SendOnceAsync(request, sent, cancellationToken);
            challenge = response.StatusCode == HttpStatusCode.Unauthorized ? AuthChallenge.From(response) : null;
            if (challenge is { IsBearer: true })
            {
                cache.RememberChallenge(registry, challenge);
            }
        }

        if (challenge is not { IsBearer: true })
        {
            return response;
        }
        var scope = challenge.Scope ?? requestScope ?? "";
        var key = TokenCacheKey.For(registry, challenge.Service, scope);
        var refreshed = false;
        if (sent is not null)
        {
            // The registry refused a cached token (revoked, or expired early): never use it again.
            cache.Invalidate(sentKey!, sent);
            cache.Invalidate(key, sent);
            refreshed = true;
        }

        // At most two more sends: with the (cached) token, then once with a freshly fetched one. Never a loop.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            // A token service that just refused this very scope is not asked again within the same request.
            RegistryToken token;
            try
            {
                token = attempt == 0 && upFront is { Succeeded: false } && key == sentKey
                    ? upFront
                    : await cache.GetAsync(key, () => Fetch(uri, challenge, scope, credential), cancellationToken);
            }
            catch
            {
                // Cancelled while waiting for the token: the 401 in hand is nobody's to return, so its connection goes back now.
                response.Dispose();
                throw;
            }

            if (!token.Succeeded || token.Value == sent)
            {
                request.Options.Set(AuthFailure, token.Error ?? "it refused a freshly issued token");
                return response;
            }

            response.Dispose();
            sent = token.Value!;
            response = await SendOnceAsync(request, sent, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            if (refreshed)
            {
                request.Options.Set(AuthFailure, "it refused a freshly issued token");
                return response;
            }

            cache.Invalidate(key, sent);
            refreshed = true;
        }

        return response;
    }

    // The shared fetch is not cancelled by any one caller; the token client has its own timeout.
    private Task<RegistryToken> Fetch(Uri uri, AuthChallenge challenge, string scope, RegistryCredential? credential) =>
        tokens.FetchAsync(new Uri(uri.GetLeftPart(UriPartial.Authority)), challenge, scope, credential, CancellationToken.None);

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage original, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(original.Method, original.RequestUri)
        {
            Version = original.Version,
            VersionPolicy = original.VersionPolicy,
        };
        foreach (var header in original.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        counter.CountRegistryRequest(request);
        var response = await base.SendAsync(request, cancellationToken);
        // The answer belongs to the caller's request (it carries AuthFailure), not to this short-lived copy.
        response.RequestMessage = original;
        return response;
    }

    /// <summary><c>repository:&lt;name&gt;:pull</c> for <c>/v2/&lt;name&gt;/(manifests|blobs|tags)/…</c>; null for other paths.</summary>
    internal static string? ScopeOf(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var marker in (string[])["/manifests/", "/blobs/", "/tags/"])
        {
            var at = path.LastIndexOf(marker, StringComparison.Ordinal);
            if (at > 4)
            {
                return $"repository:{path[4..at]}:pull";
            }
        }

        return null;
    }
}
