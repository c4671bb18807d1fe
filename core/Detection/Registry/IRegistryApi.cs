using Dockward.Core.Detection.Auth;
using Refit;

namespace Dockward.Core.Detection.Registry;

/// <summary>
/// The Registry HTTP API v2 calls Dockward makes (distribution spec, github.com/opencontainers/distribution-spec/blob/main/spec.md).
/// Every call returns the raw response: statuses are outcomes the caller describes, not exceptions. Each call carries the
/// registry's configured credential as a request option (<see cref="RegistryAuthHandler.CredentialKey"/>) for the token flow,
/// and a Basic <c>Authorization</c> header when a user is configured.
/// </summary>
internal interface IRegistryApi
{
    /// <summary>
    /// Every manifest type a tag may point at. The Docker v2 type must be listed: without it the
    /// distribution registry falls back to a schema1 manifest whose digest differs from the pushed one.
    /// </summary>
    public const string AcceptManifests = "Accept: "
        + ManifestMediaTypes.OciIndex + ", "
        + ManifestMediaTypes.DockerManifestList + ", "
        + ManifestMediaTypes.OciManifest + ", "
        + ManifestMediaTypes.DockerManifest;

    /// <summary><c>GET /v2/</c>: 200 when the registry speaks v2 and lets this caller in, 401 with the challenge otherwise.</summary>
    [Get("/v2/")]
    Task<HttpResponseMessage> PingAsync(
        [Header("Authorization")] string? authorization,
        [Property(RegistryAuthHandler.CredentialKey)] RegistryCredential? credential,
        CancellationToken cancellationToken);

    /// <summary><c>HEAD /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: digest (Docker-Content-Digest) and media type (Content-Type) of a tag or digest.</summary>
    /// <param name="name">The repository path, slashes kept.</param>
    /// <param name="reference">A tag or digest, already checked against its grammar (so sent as is).</param>
    [Head("/v2/{**name}/manifests/{reference}")]
    [Headers(AcceptManifests)]
    Task<HttpResponseMessage> HeadManifestAsync(
        string name,
        [Encoded] string reference,
        [Header("Authorization")] string? authorization,
        [Property(RegistryAuthHandler.CredentialKey)] RegistryCredential? credential,
        CancellationToken cancellationToken);

    /// <summary><c>GET /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: the manifest itself. The caller bounds the body it reads.</summary>
    [Get("/v2/{**name}/manifests/{reference}")]
    [Headers(AcceptManifests)]
    Task<HttpResponseMessage> GetManifestAsync(
        string name,
        [Encoded] string reference,
        [Header("Authorization")] string? authorization,
        [Property(RegistryAuthHandler.CredentialKey)] RegistryCredential? credential,
        CancellationToken cancellationToken);

    /// <summary><c>GET /v2/&lt;name&gt;/tags/list?n=&amp;last=</c>: the first page of tags (the next one is in the <c>Link</c> header).</summary>
    /// <param name="n">Page size the registry may honour; null for its default.</param>
    /// <param name="last">The tag after which the page starts; null for the first page.</param>
    [Get("/v2/{**name}/tags/list")]
    Task<HttpResponseMessage> ListTagsAsync(
        string name,
        [Query] int? n,
        [Query] string? last,
        [Header("Authorization")] string? authorization,
        [Property(RegistryAuthHandler.CredentialKey)] RegistryCredential? credential,
        CancellationToken cancellationToken);

    /// <summary>The next page of tags at the absolute address a <c>Link: &lt;…&gt;; rel="next"</c> gave (checked by the caller to be this registry's).</summary>
    [Get("")]
    Task<HttpResponseMessage> FollowTagsLinkAsync(
        [Url] Uri next,
        [Header("Authorization")] string? authorization,
        [Property(RegistryAuthHandler.CredentialKey)] RegistryCredential? credential,
        CancellationToken cancellationToken);
}
