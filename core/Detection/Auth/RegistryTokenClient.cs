using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dockward.Core.Detection.Providers;
using Dockward.Core.Detection.Registry;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Detection.Auth;

/// <summary>
/// Asks a registry's token service for a bearer token, as the Docker token spec describes:
/// <c>GET realm?service=…&amp;scope=…</c>, answered with <c>{"token"|"access_token", "expires_in", "issued_at"}</c>.
/// See https://distribution.github.io/distribution/spec/auth/token/.
/// </summary>
internal sealed class RegistryTokenClient(
    HttpClient http, IOptions<DetectionOptions> options, RegistryProviders providers, RegistryRequestCounter counter, TimeProvider time)
{
    /// <summary>A token answer is a few KiB; anything past this is not one.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The spec's lifetime for a token whose answer has no <c>expires_in</c>.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <param name="registry">The registry's base address as requested (scheme and authority).</param>
    public async Task<RegistryToken> FetchAsync(Uri registry, AuthChallenge challenge, string scope, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            return RegistryToken.Failed($"the token realm '{challenge.Realm}' is not an http(s) address");
        }

        // A token fetched over plain HTTP can be read or replaced on the way; only a registry itself
        // reached over plain HTTP (loopback or marked insecure) may point at a plain-HTTP realm.
        if (realm.Scheme == Uri.UriSchemeHttp && registry.Scheme != Uri.UriSchemeHttp)
        {
            return RegistryToken.Failed($"the token realm {realm.GetLeftPart(UriPartial.Path)} is not HTTPS");
        }

        var query = new StringBuilder(realm.Query.Length > 1 ? realm.Query[1..] + "&" : "");
        if (!string.IsNullOrEmpty(challenge.Service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service)).Append('&');
        }

        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var address = new UriBuilder(realm) { Query = query.ToString() }.Uri;
        var provider = providers.For(registry, credential);
        var sendsCredentials = !string.IsNullOrEmpty(credential?.Username) && MayReceiveCredentials(provider, registry, realm);
        var service = $"the token service at {realm.Authority}";

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        try
        {
            using var request = (sendsCredentials ? provider.TokenRequest(realm, challenge, scope, credential!) : null)
                ?? new HttpRequestMessage(HttpMethod.Get, address);
            if (sendsCredentials && request.Method == HttpMethod.Get)
            {
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential!.Username}:{credential.Password}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            }

            counter.CountTokenRequest(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return RegistryToken.Failed(response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when sendsCredentials =>
                        $"{service} refused the configured credentials ({(int)response.StatusCode})",
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                        $"{service} requires credentials (none sent to it) ({(int)response.StatusCode})",
                    _ => $"{service} answered {(int)response.StatusCode} {response.StatusCode}",
                });
            }

            var body = await BoundedBody.ReadAsync(response.Content, MaxResponseBytes, timeout.Token);
            return body is null ? RegistryToken.Failed($"{service} sent more than {MaxResponseBytes} bytes") : Parse(body, service);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RegistryToken.Failed($"{service} did not answer within {options.Value.RequestTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return RegistryToken.Failed($"{service} is unreachable: {e.Message}");
        }
        catch (IOException e)
        {
            // The connection dropped while the answer's body was read.
            return RegistryToken.Failed($"{service} broke off its answer: {e.Message}");
        }
    }

    /// <summary>Credentials go to the registry's own host, to a realm its provider documents, or to one the settings list for it.</summary>
    private bool MayReceiveCredentials(IRegistryProvider provider, Uri registry, Uri realm) =>
        string.Equals(registry.IdnHost, realm.IdnHost, StringComparison.OrdinalIgnoreCase)
        || provider.TrustsRealm(registry.IdnHost.ToLowerInvariant(), realm.IdnHost.ToLowerInvariant())
        || options.Value.TokenRealms.Any(trust =>
            (string.Equals(trust.Registry, registry.Authority, StringComparison.OrdinalIgnoreCase)
                || string.Equals(trust.Registry, registry.IdnHost, StringComparison.OrdinalIgnoreCase))
            && string.Equals(trust.RealmHost, realm.IdnHost, StringComparison.OrdinalIgnoreCase));

    private RegistryToken Parse(byte[] body, string service)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return RegistryToken.Failed($"{service} sent no token");
            }

            var token = Text(root, "token") ?? Text(root, "access_token");
            if (string.IsNullOrEmpty(token))
            {
                return RegistryToken.Failed($"{service} sent no token");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number
                && expires.TryGetInt32(out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : DefaultLifetime;

            // Counted from when the answer arrived, not from issued_at: our clock and the token service's may differ.
            return RegistryToken.Issued(token, RegistryTokenCache.UsableUntil(time.GetUtcNow(), lifetime));
        }
        catch (JsonException)
        {
            return RegistryToken.Failed($"{service} sent a malformed token answer");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
