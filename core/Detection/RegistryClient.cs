using System.Net;
using System.Text;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Images;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Registries;
using Dockward.Core.Security.Secrets;
using Microsoft.Extensions.Options;
using Refit;

namespace Dockward.Core.Detection;

/// <summary>
/// Asks a Registry v2 about tags (<see cref="IRegistryApi"/>): the digest and media type a tag points at, the
/// manifest an index holds for a platform, a repository's tags, and an image's details from its config blob.
/// Anonymous, with basic auth, or through the Bearer token flow, which <see cref="RegistryAuthHandler"/> (in the registry HttpClient's pipeline) runs.
/// Every outcome is a value; nothing here throws for what a registry answers.
/// </summary>
internal sealed class RegistryClient(
    RegistryApis apis, RegistryCredentials credentials, IOptions<DetectionOptions> options, ManifestIndexCache? indexes = null, ImageDetailsCache? imageDetails = null)
{
    private readonly ManifestIndexCache cache = indexes ?? new ManifestIndexCache();
    private readonly ImageDetailsCache details = imageDetails ?? new ImageDetailsCache();

    /// <summary>The largest manifest read; Docker Hub's own limit for a pushed manifest is 4 MiB.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>The largest page of tags read.</summary>
    public const int MaxTagPageBytes = 4 * 1024 * 1024;

    /// <summary>Pages of tags followed before a listing stops with an error.</summary>
    public const int MaxTagPages = 100;

    /// <summary>Tags collected before a listing stops with an error.</summary>
    public const int MaxTags = 50_000;

    /// <summary>
    /// The digest and media type <paramref name="image"/>'s tag points at: a HEAD; when the registry sends no
    /// Docker-Content-Digest (the OCI distribution spec allows it), a GET and the sha256 of the manifest's bytes.
    /// </summary>
    public async Task<DigestLookup> GetDigestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        if (image.Tag is null)
        {
            return DigestLookup.Failed("the reference has no tag to look up");
        }

        var connection = await ConnectAsync(image, cancellationToken);
        if (connection.Error is not null)
        {
            return DigestLookup.Failed(connection.Error);
        }

        return await WithTimeoutAsync(image, DigestLookup.Failed, async timeout =>
        {
            using var head = await connection.Api.HeadManifestAsync(image.Repository, image.Tag, connection.Authorization, connection.Credential, timeout);
            if (!head.IsSuccessStatusCode)
            {
                return DigestLookup.Failed(Describe(head, image, connection.Credential));
            }

            var mediaType = head.Content.Headers.ContentType?.MediaType;
            if (head.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest)
            {
                return Digests.IsValid(digest) ? DigestLookup.Found(digest, mediaType) : DigestLookup.Failed($"registry sent a malformed digest '{Truncate(digest)}'");
            }

            using var get = await connection.Api.GetManifestAsync(image.Repository, image.Tag, connection.Authorization, connection.Credential, timeout);
            if (!get.IsSuccessStatusCode)
            {
                return DigestLookup.Failed(Describe(get, image, connection.Credential));
            }

            var body = await BoundedBody.ReadAsync(get, MaxManifestBytes, timeout);
            return body is null
                ? DigestLookup.Failed($"the manifest of {image} is larger than {MaxManifestBytes / 1024 / 1024} MiB")
                : DigestLookup.Found(Digests.Of(body), get.Content.Headers.ContentType?.MediaType ?? mediaType);
        }, cancellationToken);
    }

    /// <summary>
    /// Reads the manifest at <paramref name="digest"/> in <paramref name="image"/>'s repository as an index: its entries,
    /// or that it is a single-platform manifest, or why it cannot be read. The body must hash to the digest.
    /// </summary>
    public async Task<IndexLookup> GetIndexAsync(ImageReference image, string digest, CancellationToken cancellationToken)
    {
        if (!Digests.IsValid(digest))
        {
            return IndexLookup.Failed($"'{Truncate(digest)}' is not a manifest digest (expected sha256:<64 hex>)");
        }

        if (cache.Find(image, digest) is { } known)
        {
            return known;
        }

        var connection = await ConnectAsync(image, cancellationToken);
        if (connection.Error is not null)
        {
            return IndexLookup.Failed(connection.Error);
        }

        var at = $"{image.Name}@{digest}";
        return await WithTimeoutAsync(image, IndexLookup.Failed, async timeout =>
        {
            using var get = await connection.Api.GetManifestAsync(image.Repository, digest, connection.Authorization, connection.Credential, timeout);
            if (!get.IsSuccessStatusCode)
            {
                return IndexLookup.Failed(Describe(get, image with { Tag = null, Digest = digest }, connection.Credential));
            }

            var body = await BoundedBody.ReadAsync(get, MaxManifestBytes, timeout);
            if (body is null)
            {
                return IndexLookup.Failed($"the manifest {at} is larger than {MaxManifestBytes / 1024 / 1024} MiB");
            }

            if (Digests.Of(body) != digest)
            {
                return IndexLookup.Failed($"{image.Registry} answered {at} with a manifest of another digest");
            }

            var lookup = ManifestIndex.Read(body, get.Content.Headers.ContentType?.MediaType);
            if (lookup.Error is not null)
            {
                return IndexLookup.Failed($"{at}: {lookup.Error}");
            }

            cache.Keep(image, digest, lookup);
            return lookup;
        }, cancellationToken);
    }

    /// <summary>
    /// The manifest digest the index at <paramref name="indexDigest"/> holds for <paramref name="platform"/>
    /// (attestation manifests never count), or why there is none.
    /// </summary>
    public async Task<PlatformLookup> FindPlatformDigestAsync(ImageReference image, string indexDigest, Platform platform, CancellationToken cancellationToken)
    {
        var lookup = await GetIndexAsync(image, indexDigest, cancellationToken);
        if (lookup.Error is not null)
        {
            return PlatformLookup.Failed(lookup.Error);
        }

        if (lookup.Index is not { } index)
        {
            return PlatformLookup.Failed($"{image.Name}@{indexDigest} is a single-platform manifest, not an index");
        }

        return index.Find(platform) is { } entry
            ? PlatformLookup.Found(entry.Digest)
            : PlatformLookup.Failed($"{image.Name}@{indexDigest} has no manifest for {platform}");
    }

    /// <summary>
    /// The comparison of <paramref name="image"/>'s containers with <paramref name="tag"/> (this image's
    /// <see cref="GetDigestAsync"/> answer), reading the tag's index from this registry only if a container needs it.
    /// </summary>
    public SameTagVerdict VerdictFor(ImageReference image, DigestLookup tag) =>
        new(tag, cancellationToken => GetIndexAsync(image, tag.Digest!, cancellationToken), (digest, cancellationToken) => GetIndexAsync(image, digest, cancellationToken));

    /// <summary>
    /// The details of the image at <paramref name="digest"/> in <paramref name="image"/>'s repository, from its config
    /// blob: created date, labels, runtime defaults (<see cref="ImageDetailsReader"/>). An index is resolved to its
    /// manifest for <paramref name="platform"/> (linux/amd64 when null). Kept per repository, digest and platform.
    /// </summary>
    public async Task<ImageDetailsLookup> GetImageDetailsAsync(ImageReference image, string digest, Platform? platform, CancellationToken cancellationToken)
    {
        if (!Digests.IsValid(digest))
        {
            return ImageDetailsLookup.Failed($"'{Truncate(digest)}' is not a manifest digest (expected sha256:<64 hex>)");
        }

        if (details.Find(image, digest, platform) is { } known)
        {
            return known;
        }

        var connection = await ConnectAsync(image, cancellationToken);
        if (connection.Error is not null)
        {
            return ImageDetailsLookup.Failed(connection.Error);
        }

        var reader = new ImageDetailsReader(
            image,
            (manifest, token) => FetchManifestAsync(image, connection, manifest, token),
            (blob, limit, token) => FetchBlobAsync(image, connection, blob, limit, token));
        var lookup = await reader.ReadAsync(digest, platform, cancellationToken);
        details.Keep(image, digest, platform, lookup);
        return lookup;
    }

    /// <summary>Every tag of <paramref name="image"/>'s repository, following the registry's pages.</summary>
    public Task<TagListing> ListTagsAsync(ImageReference image, CancellationToken cancellationToken) =>
        ListTagsAsync(image, null, cancellationToken);

    /// <summary>
    /// Every tag of <paramref name="image"/>'s repository, asking for pages of <paramref name="pageSize"/> (the registry's
    /// default when null) and following <c>Link: &lt;…&gt;; rel="next"</c> (RFC 8288) on this registry only, at most
    /// <see cref="MaxTagPages"/> pages and <see cref="MaxTags"/> tags. Tags outside the tag grammar are skipped.
    /// </summary>
    public async Task<TagListing> ListTagsAsync(ImageReference image, int? pageSize, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(image, cancellationToken);
        if (connection.Error is not null)
        {
            return TagListing.Failed(connection.Error);
        }

        var tags = new List<string>();
        var visited = new HashSet<Uri>();
        Uri? next = null;
        for (var page = 1; ; page++)
        {
            var (answer, error) = await WithTimeoutAsync(image, e => (default(TagPageAnswer), e), async timeout =>
            {
                using var response = next is null
                    ? await connection.Api.ListTagsAsync(image.Repository, pageSize, null, connection.Authorization, connection.Credential, timeout)
                    : await connection.Api.FollowTagsLinkAsync(next, connection.Authorization, connection.Credential, timeout);
                return await ReadTagPageAsync(response, image, connection, timeout);
            }, cancellationToken);
            if (error is not null)
            {
                return TagListing.Failed(error);
            }

            tags.AddRange(answer.Tags);
            if (tags.Count > MaxTags)
            {
                return TagListing.Failed($"{image.Name} has more than {MaxTags} tags; listing stopped");
            }

            if (answer.Next is null)
            {
                return TagListing.Found(tags);
            }

            if (!Uri.TryCreate(answer.Page, answer.Next, out var target) || !SameOrigin(target, connection.BaseAddress))
            {
                return TagListing.Failed($"{image.Registry} sent a next-page link to another address ('{Truncate(answer.Next)}'); not followed");
            }

            if (!visited.Add(target))
            {
                return TagListing.Failed($"{image.Registry} sent the same next-page link twice ('{Truncate(answer.Next)}'); listing stopped");
            }

            if (page >= MaxTagPages)
            {
                return TagListing.Failed($"{image.Name} has more than {MaxTagPages} pages of tags; listing stopped");
            }

            next = target;
        }
    }

    private static async Task<(TagPageAnswer Answer, string? Error)> ReadTagPageAsync(
        HttpResponseMessage response, ImageReference image, Connection connection, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return (default, Describe(response, image, connection.Credential));
        }

        var body = await BoundedBody.ReadAsync(response, MaxTagPageBytes, cancellationToken);
        if (body is null)
        {
            return (default, $"a page of {image.Name}'s tags is larger than {MaxTagPageBytes / 1024 / 1024} MiB");
        }

        if (!TagPage.TryRead(body, out var tags, out var error))
        {
            return (default, $"{image.Registry} sent a malformed tag list for {image.Name}: {error}");
        }

        var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.FindNext(links) : null;
        return (new TagPageAnswer(tags, next, response.RequestMessage?.RequestUri ?? connection.BaseAddress), null);
    }

    private Task<RegistryAnswer> FetchManifestAsync(ImageReference image, Connection connection, string digest, CancellationToken cancellationToken) =>
        WithTimeoutAsync(image, RegistryAnswer.Failed, async timeout =>
        {
            using var get = await connection.Api.GetManifestAsync(image.Repository, digest, connection.Authorization, connection.Credential, timeout);
            return await ReadAnswerAsync(get, image with { Tag = null, Digest = digest }, connection, MaxManifestBytes, "the manifest", timeout);
        }, cancellationToken);

    /// <summary>
    /// <c>GET /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>. Many registries answer it with a redirect to their storage (S3,
    /// Azure Blob, GCS): the HTTP stack follows it itself and drops the Authorization header; when a stack hands the
    /// redirect back, it is followed here once, with this registry's credentials only if it stays on this registry's API.
    /// </summary>
    private Task<RegistryAnswer> FetchBlobAsync(ImageReference image, Connection connection, string digest, int limit, CancellationToken cancellationToken) =>
        WithTimeoutAsync(image, RegistryAnswer.Failed, async timeout =>
        {
            var blob = image with { Tag = null, Digest = digest };
            var address = new Uri(connection.BaseAddress, $"v2/{image.Repository}/blobs/{digest}");
            // IRegistryApi's only GET of an absolute address: the blob goes through the same pipeline (auth, retries, pauses).
            using var get = await connection.Api.FollowTagsLinkAsync(address, connection.Authorization, connection.Credential, timeout);
            if (!IsRedirect(get))
            {
                return await ReadAnswerAsync(get, blob, connection, limit, "the config blob", timeout);
            }

            if (get.Headers.Location is not { } location || !Uri.TryCreate(address, location, out var target)
                || target.Scheme is not ("http" or "https") || (address.Scheme == "https" && target.Scheme == "http"))
            {
                return RegistryAnswer.Failed($"{image.Registry} redirected the config blob {blob} to an address that is not followed");
            }

            var own = SameOrigin(target, connection.BaseAddress);
            using var moved = await connection.Api.FollowTagsLinkAsync(target, own ? connection.Authorization : null, own ? connection.Credential : null, timeout);
            if (IsRedirect(moved))
            {
                return RegistryAnswer.Failed($"{image.Registry} redirected the config blob {blob} more than once");
            }

            // A storage service's refusal (an expired signed address) says nothing about this registry's credentials.
            return own || moved.IsSuccessStatusCode
                ? await ReadAnswerAsync(moved, blob, connection, limit, "the config blob", timeout)
                : RegistryAnswer.Failed($"{target.Host}, where {image.Registry} keeps the config blob {blob}, answered {(int)moved.StatusCode} {moved.StatusCode}");
        }, cancellationToken);

    private static async Task<RegistryAnswer> ReadAnswerAsync(
        HttpResponseMessage response, ImageReference asked, Connection connection, int limit, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return RegistryAnswer.Failed(Describe(response, asked, connection.Credential));
        }

        var body = await BoundedBody.ReadAsync(response, limit, cancellationToken);
        return body is null
            ? RegistryAnswer.Failed($"{what} {asked} is larger than {limit / 1024 / 1024} MiB")
            : RegistryAnswer.Found(body, response.Content.Headers.ContentType?.MediaType);
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is 301 or 302 or 303 or 307 or 308;

    private async Task<Connection> ConnectAsync(ImageReference image, CancellationToken cancellationToken)
    {
        RegistryCredential? credential;
        try
        {
            credential = await credentials.FindAsync(image.Registry, cancellationToken);
        }
        catch (SecretUnreadableException e)
        {
            // Never a garbage password sent to the registry: the check fails and says why.
            return Connection.Failed($"the stored credentials for {image.Registry} cannot be decrypted ({e.Reason}); set them again");
        }

        var scheme = credential?.Insecure == true || IsLoopback(image.ApiHost) ? "http" : "https";
        var baseAddress = new Uri($"{scheme}://{image.ApiHost}/");
        var authorization = string.IsNullOrEmpty(credential?.Username)
            ? null
            : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));
        return new Connection(apis.For(baseAddress), baseAddress, credential, authorization, null);
    }

    /// <summary>Runs one registry exchange under the per-request timeout, turning transport failures into <paramref name="failed"/> values.</summary>
    private async Task<T> WithTimeoutAsync<T>(ImageReference image, Func<string, T> failed, Func<CancellationToken, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        try
        {
            return await exchange(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return failed($"{image.Registry} did not answer within {options.Value.RequestTimeoutSeconds} s");
        }
        catch (ApiRequestException e) when (e.InnerException is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return failed($"{image.Registry} did not answer within {options.Value.RequestTimeoutSeconds} s");
        }
        catch (ApiRequestException e) when (e.InnerException is RegistryRateLimitedException paused)
        {
            return failed($"{image.Registry} is rate limiting: {paused.Message}");
        }
        catch (RegistryRateLimitedException e)
        {
            // Not sent at all: the registry asked for a pause (429 or an exhausted quota), and it is not over.
            return failed($"{image.Registry} is rate limiting: {e.Message}");
        }
        catch (ApiRequestException e) when (e.InnerException is HttpRequestException inner)
        {
            return failed($"{image.Registry} unreachable: {inner.Message}");
        }
        catch (HttpRequestException e)
        {
            return failed($"{image.Registry} unreachable: {e.Message}");
        }
        catch (ApiRequestException e) when (e.InnerException is IOException inner)
        {
            return failed($"{image.Registry} broke off its answer: {inner.Message}");
        }
        catch (IOException e)
        {
            // The connection dropped while the body was read (headers had arrived): HttpIOException, not HttpRequestException.
            return failed($"{image.Registry} broke off its answer: {e.Message}");
        }
    }

    private static string Describe(HttpResponseMessage response, ImageReference image, RegistryCredential? credential) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when response.RequestMessage?.Options.TryGetValue(RegistryAuthHandler.AuthFailure, out var failure) == true =>
            $"{image.Registry} refused access: {failure}",
        HttpStatusCode.Unauthorized when credential?.Username is null or "" =>
            $"{image.Registry} requires credentials (none configured for it)",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"{image.Registry} refused the configured credentials ({(int)response.StatusCode})",
        HttpStatusCode.NotFound => $"{image} not found on {image.Registry}",
        HttpStatusCode.TooManyRequests => $"{image.Registry} is rate limiting (429)",
        var status => $"{image.Registry} answered {(int)status} {status}",
    };

    // Only the registry's own scheme, host and port, and only its API: credentials and tokens go nowhere else.
    private static bool SameOrigin(Uri target, Uri registry) =>
        target.IsAbsoluteUri
        && Uri.Compare(target, registry, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && target.AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal);

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";

    private static bool IsLoopback(string hostAndPort)
    {
        var host = hostAndPort.StartsWith('[') ? hostAndPort[1..hostAndPort.IndexOf(']', StringComparison.Ordinal)] : hostAndPort.Split(':')[0];
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private readonly record struct TagPageAnswer(List<string> Tags, string? Next, Uri Page);

    private sealed record Connection(IRegistryApi Api, Uri BaseAddress, RegistryCredential? Credential, string? Authorization, string? Error)
    {
        public static Connection Failed(string error) => new(null!, null!, null, null, error);
    }
}
