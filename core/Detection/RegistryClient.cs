using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Registries;
using Dockward.Core.Security.Secrets;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Detection;

/// <summary>
/// Asks a Registry v2 for the digest a tag points at: <c>HEAD /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c>,
/// anonymous, with basic auth, or through the Bearer token flow, which <see cref="RegistryAuthHandler"/>
/// (in this client's handler pipeline) runs.
/// </summary>
internal sealed class RegistryClient(HttpClient http, RegistryCredentials credentials, IOptions<DetectionOptions> options)
{
    /// <summary>
    /// Every manifest type a tag may point at. The Docker v2 type must be listed: without it the
    /// distribution registry falls back to a schema1 manifest whose digest differs from the pushed one.
    /// </summary>
    internal static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    public async Task<DigestLookup> GetDigestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        if (image.Tag is null)
        {
            return DigestLookup.Failed("the reference has no tag to look up");
        }

        RegistryCredential? credential;
        try
        {
            credential = await credentials.FindAsync(image.Registry, cancellationToken);
        }
        catch (SecretUnreadableException e)
        {
            // Never a garbage password sent to the registry: the check fails and says why.
            return DigestLookup.Failed($"the stored credentials for {image.Registry} cannot be decrypted ({e.Reason}); set them again");
        }

        var scheme = credential?.Insecure == true || IsLoopback(image.ApiHost) ? "http" : "https";
        var uri = new Uri($"{scheme}://{image.ApiHost}/v2/{image.Repository}/manifests/{image.Tag}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        try
        {
            using var head = Request(HttpMethod.Head, uri, credential);
            using var response = await http.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return DigestLookup.Failed(Describe(response.StatusCode, image, credential, head));
            }

            if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest)
            {
                return IsDigest(digest) ? DigestLookup.Found(digest) : DigestLookup.Failed($"registry sent a malformed digest '{digest}'");
            }

            // No Docker-Content-Digest (allowed by the OCI distribution spec): the digest is the sha256 of the manifest bytes.
            using var get = Request(HttpMethod.Get, uri, credential);
            using var body = await http.SendAsync(get, timeout.Token);
            if (!body.IsSuccessStatusCode)
            {
                return DigestLookup.Failed(Describe(body.StatusCode, image, credential, get));
            }

            var bytes = await body.Content.ReadAsByteArrayAsync(timeout.Token);
            return DigestLookup.Found("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DigestLookup.Failed($"{image.Registry} did not answer within {options.Value.RequestTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return DigestLookup.Failed($"{image.Registry} unreachable: {e.Message}");
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, RegistryCredential? credential)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Options.Set(RegistryAuthHandler.Credential, credential);
        foreach (var type in ManifestMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        if (!string.IsNullOrEmpty(credential?.Username))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return request;
    }

    private static string Describe(HttpStatusCode status, ImageReference image, RegistryCredential? credential, HttpRequestMessage request) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when request.Options.TryGetValue(RegistryAuthHandler.AuthFailure, out var failure) =>
            $"{image.Registry} refused access: {failure}",
        HttpStatusCode.Unauthorized when credential?.Username is null or "" =>
            $"{image.Registry} requires credentials (none configured for it)",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"{image.Registry} refused the configured credentials ({(int)status})",
        HttpStatusCode.NotFound => $"{image} not found on {image.Registry}",
        HttpStatusCode.TooManyRequests => $"{image.Registry} is rate limiting (429)",
        _ => $"{image.Registry} answered {(int)status} {status}",
    };

    private static bool IsDigest(string value) =>
        value.StartsWith("sha256:", StringComparison.Ordinal) && value.Length == 71 && value[7..].All(Uri.IsHexDigit);

    private static bool IsLoopback(string hostAndPort)
    {
        var host = hostAndPort.StartsWith('[') ? hostAndPort[1..hostAndPort.IndexOf(']', StringComparison.Ordinal)] : hostAndPort.Split(':')[0];
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
