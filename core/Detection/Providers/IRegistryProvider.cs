using System.Net;
using Dockward.Core.Detection.Auth;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// What one registry product does differently from a plain Registry v2: where its API lives, which token realms
/// may see its credentials, how its credentials become what it takes, how it says "slow down". Everything else
/// (the Bearer flow, retries, timeouts) is the pipeline's. One implementation per product, chosen by
/// <see cref="RegistryProviders"/> from the registry host or the entry's <c>Provider</c> setting.
/// </summary>
internal interface IRegistryProvider
{
    /// <summary>The name a <c>Detection:Registries:N:Provider</c> setting uses, lower case (e.g. <c>harbor</c>).</summary>
    string Name { get; }

    /// <summary>
    /// True for hosts that are this provider's whatever the settings say (e.g. <c>ghcr.io</c>). Self-hosted
    /// products (Harbor, Nexus, a GitLab instance) recognise none: an admin names them with <c>Provider</c>.
    /// </summary>
    bool Recognizes(string host);

    /// <summary>
    /// The host Registry v2 calls go to for a registry as image references name it. Only Docker Hub differs
    /// (<c>docker.io</c> → <c>registry-1.docker.io</c>). Not yet called: <see cref="ImageReference.ApiHost"/>
    /// still holds the Docker Hub rule until the registry client asks its provider.
    /// </summary>
    string ApiHost(string registry) => registry;

    /// <summary>
    /// True when <paramref name="realmHost"/>, a host other than the registry's own, may receive the credentials
    /// of <paramref name="registryHost"/> (host names lower case, without port). The registry's own host always
    /// may, and <c>Detection:TokenRealms</c> adds more. Every host returned here receives users' passwords.
    /// </summary>
    bool TrustsRealm(string registryHost, string realmHost) => false;

    /// <summary>
    /// The credential the registry takes, made from the configured one. Most registries take it as it is;
    /// AWS ECR takes a 12-hour password that the configured AWS keys buy from the ECR API.
    /// </summary>
    Task<RegistrySignIn> SignInAsync(RegistryCredential credential, CancellationToken cancellationToken) =>
        Task.FromResult(RegistrySignIn.As(credential));

    /// <summary>
    /// A token request other than the Docker token spec's <c>GET realm?service&amp;scope</c> with Basic credentials,
    /// or null for that one. Azure ACR takes a refresh token as a form POST.
    /// </summary>
    HttpRequestMessage? TokenRequest(Uri realm, AuthChallenge challenge, string scope, RegistryCredential credential) => null;

    /// <summary>
    /// Until when no request may go to the registry after this answer, and why; null for no pause. By default
    /// a 429 with <c>Retry-After</c> (RFC 9110 §10.2.3) pauses the registry for that long.
    /// </summary>
    RegistryPause? PauseAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.StatusCode == HttpStatusCode.TooManyRequests && RegistryPause.RetryAfter(response, now) is { } until
            ? new RegistryPause(until, "the registry answered 429 Too Many Requests")
            : null;
}
