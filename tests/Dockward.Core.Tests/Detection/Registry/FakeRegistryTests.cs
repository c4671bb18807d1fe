using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Registry;

/// <summary>
/// Registry answers the real distribution registry cannot be made to give, through the client's real handler
/// pipeline over a <see cref="FakeRegistry"/>: each is refused or handled with a clear outcome, never an exception or a loop.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class FakeRegistryTests(Servers servers) : IAsyncLifetime
{
    private const string TagsPath = "/v2/team/app/tags/list";
    private static readonly ImageReference Image = ImageReference.Parse($"{FakeRegistry.Host}/team/app:1.0");
    private readonly TableBackend backend = new(servers);
    private readonly FakeRegistry registry = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        registry.Dispose();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_docker_content_digest_the_manifest_is_fetched_once_and_its_sha256_is_the_digest()
    {
        var manifest = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""");
        registry.Answer = request => Ok(request.Method == HttpMethod.Head ? [] : manifest, ManifestMediaTypes.OciIndex);

        var lookup = await Client().GetDigestAsync(Image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found("sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest)), ManifestMediaTypes.OciIndex));
        registry.Seen.Select(r => r.Method).ShouldBe([HttpMethod.Head, HttpMethod.Get]);
    }

    [Fact]
    public async Task A_malformed_docker_content_digest_is_refused()
    {
        registry.Answer = _ => Ok([], ManifestMediaTypes.DockerManifest, digest: "sha256:ABC");

        var lookup = await Client().GetDigestAsync(Image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed("registry sent a malformed digest 'sha256:ABC'"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_manifest_over_4_MiB_is_refused_whether_or_not_its_length_is_announced(bool announced)
    {
        var huge = new byte[RegistryClient.MaxManifestBytes + 1];
        registry.Answer = request => request.Method == HttpMethod.Head ? Ok([], ManifestMediaTypes.DockerManifest) : Ok(huge, ManifestMediaTypes.DockerManifest, sized: announced);

        var lookup = await Client().GetDigestAsync(Image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed($"the manifest of {Image} is larger than 4 MiB"));
    }

    [Fact]
    public async Task An_index_that_is_not_json_is_a_clear_error()
    {
        var body = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"manifests":[{"digest": """);
        var digest = Digests.Of(body);
        registry.Answer = _ => Ok(body, ManifestMediaTypes.OciIndex);

        var lookup = await Client().FindPlatformDigestAsync(Image, digest, Linux("arm64"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldStartWith($"{Image.Name}@{digest}: the manifest is not valid JSON");
    }

    [Fact]
    public async Task An_index_entry_with_a_malformed_digest_fails_the_whole_index()
    {
        var body = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"manifests":[{"digest":"sha256:../../etc","platform":{"os":"linux","architecture":"arm64"}}]}""");
        registry.Answer = _ => Ok(body, ManifestMediaTypes.OciIndex);

        var lookup = await Client().GetIndexAsync(Image, Digests.Of(body), CancellationToken.None);

        lookup.Error.ShouldBe($"{Image.Name}@{Digests.Of(body)}: an index entry has a malformed digest 'sha256:../../etc'");
    }

    [Fact]
    public async Task A_manifest_that_does_not_hash_to_the_digest_asked_for_is_refused()
    {
        var asked = Digests.Of("something else"u8);
        registry.Answer = _ => Ok("""{"schemaVersion":2,"manifests":[]}"""u8.ToArray(), ManifestMediaTypes.OciIndex);

        var lookup = await Client().GetIndexAsync(Image, asked, CancellationToken.None);

        lookup.Error.ShouldBe($"{FakeRegistry.Host} answered {Image.Name}@{asked} with a manifest of another digest");
    }

    [Fact]
    public async Task Pages_as_distribution_v3_sends_them_are_followed_to_the_end()
    {
        string[] all = ["1.0", "1.1", "1.2", "2.0", "latest"];
        registry.Answer = request => ReplayedDistributionV3Tags(request, all);

        var listing = await Client().ListTagsAsync(Image, 2, CancellationToken.None);

        listing.Error.ShouldBeNull();
        listing.Tags.ShouldBe(all);
        registry.Seen.Select(r => r.Uri.PathAndQuery).ShouldBe([$"{TagsPath}?n=2", $"{TagsPath}?last=1.1&n=2", $"{TagsPath}?last=2.0&n=2"]);
    }

    [Fact]
    public async Task An_absolute_link_on_the_registry_itself_is_followed_and_tags_outside_the_grammar_are_skipped()
    {
        registry.Answer = request => request.RequestUri!.Query.Contains("last=ok", StringComparison.Ordinal)
            ? Tags("""["2.0"]""")
            : Tags("""["1.0","-bad","ok","tag with spaces"]""", $"<https://{FakeRegistry.Host}{TagsPath}?last=ok&n=2>; rel=\"next\"");

        var listing = await Client().ListTagsAsync(Image, 2, CancellationToken.None);

        listing.Error.ShouldBeNull();
        listing.Tags.ShouldBe(["1.0", "ok", "2.0"]);
        registry.Seen.Select(r => r.Uri.PathAndQuery).ShouldBe([$"{TagsPath}?n=2", $"{TagsPath}?last=ok&n=2"]);
    }

    [Theory]
    [InlineData("<https://elsewhere.example.net/v2/team/app/tags/list?last=b>; rel=\"next\"")]
    [InlineData("<http://registry.example.com/v2/team/app/tags/list?last=b>; rel=\"next\"")]
    [InlineData("<https://registry.example.com:8443/v2/team/app/tags/list?last=b>; rel=\"next\"")]
    [InlineData("</token?service=registry>; rel=next")]
    public async Task A_link_to_another_address_is_not_followed(string link)
    {
        registry.Answer = _ => Tags("""["a","b"]""", link);

        var listing = await Client().ListTagsAsync(Image, CancellationToken.None);

        listing.Tags.ShouldBeEmpty();
        listing.Error.ShouldNotBeNull().ShouldStartWith($"{FakeRegistry.Host} sent a next-page link to another address");
        registry.Seen.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_link_loop_stops_the_listing_with_an_error()
    {
        registry.Answer = request => request.RequestUri!.Query.Contains("last=b", StringComparison.Ordinal)
            ? Tags("""["c"]""", $"<{TagsPath}?last=b>; rel=\"next\"")
            : Tags("""["a","b"]""", $"<{TagsPath}?last=b>; rel=\"next\"");

        var listing = await Client().ListTagsAsync(Image, CancellationToken.None);

        listing.Error.ShouldBe($"{FakeRegistry.Host} sent the same next-page link twice ('{TagsPath}?last=b'); listing stopped");
        registry.Seen.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Endless_pages_stop_at_the_page_cap()
    {
        var page = 0;
        registry.Answer = _ =>
        {
            var n = Interlocked.Increment(ref page);
            return Tags($"[\"t{n}\"]", $"<{TagsPath}?last=t{n}>; rel=\"next\"");
        };

        var listing = await Client().ListTagsAsync(Image, CancellationToken.None);

        listing.Error.ShouldBe($"{Image.Name} has more than {RegistryClient.MaxTagPages} pages of tags; listing stopped");
        registry.Seen.Count.ShouldBe(RegistryClient.MaxTagPages);
    }

    [Fact]
    public async Task A_tag_page_over_4_MiB_is_refused()
    {
        registry.Answer = _ => Ok(Encoding.UTF8.GetBytes("{\"tags\":[\"" + new string('a', RegistryClient.MaxTagPageBytes) + "\"]}"), "application/json", sized: false);

        var listing = await Client().ListTagsAsync(Image, CancellationToken.None);

        listing.Error.ShouldBe($"a page of {Image.Name}'s tags is larger than 4 MiB");
    }

    [Fact]
    public async Task A_tag_list_that_is_not_json_is_a_clear_error()
    {
        registry.Answer = _ => Ok("<html>maintenance</html>"u8.ToArray(), "text/html");

        var listing = await Client().ListTagsAsync(Image, CancellationToken.None);

        listing.Error.ShouldNotBeNull().ShouldStartWith($"{FakeRegistry.Host} sent a malformed tag list for {Image.Name}: the tag list is not valid JSON");
    }

    /// <summary>
    /// distribution v3's tags/list (registry/handlers/tags.go, createLinkEntry in catalog.go): up to n sorted tags after
    /// <c>last</c>, and while more remain a <c>Link</c> to the request's own path with the query <c>last=…&amp;n=…</c>.
    /// </summary>
    private static HttpResponseMessage ReplayedDistributionV3Tags(HttpRequestMessage request, string[] all)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var rest = all.Order(StringComparer.Ordinal).Where(t => query["last"] is not { } last || string.CompareOrdinal(t, last) > 0).ToList();
        var n = int.TryParse(query["n"], out var size) ? size : rest.Count;
        var page = rest.Take(n).ToList();
        var json = "[" + string.Join(',', page.Select(t => $"\"{t}\"")) + "]";
        return rest.Count > n
            ? Tags(json, $"<{request.RequestUri.AbsolutePath}?last={Uri.EscapeDataString(page[^1])}&n={n}>; rel=\"next\"")
            : Tags(json);
    }

    private static Platform Linux(string architecture) => Platform.Of("linux", architecture, null)!;

    private static HttpResponseMessage Tags(string tags, string? link = null)
    {
        var response = Ok(Encoding.UTF8.GetBytes($$"""{"name":"team/app","tags":{{tags}}}"""), "application/json");
        if (link is not null)
        {
            response.Headers.TryAddWithoutValidation("Link", link);
        }

        return response;
    }

    private static HttpResponseMessage Ok(byte[] body, string mediaType, string? digest = null, bool sized = true)
    {
        HttpContent content = sized ? new ByteArrayContent(body) : new UnsizedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        if (digest is not null)
        {
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", digest);
        }

        return response;
    }

    private RegistryClient Client() =>
        RegistryClients.Pipeline(backend.Connect(), Options.Create(new DetectionOptions { RequestTimeoutSeconds = 10 }), registry).Client;
}
