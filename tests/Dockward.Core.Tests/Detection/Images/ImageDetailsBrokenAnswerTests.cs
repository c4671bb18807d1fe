using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Images;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Tests.Detection.Registry;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Images;

/// <summary>
/// Answers the real distribution registry never gives (it checks what is pushed and serves what it stored), through
/// the client's real handler pipeline over a <see cref="FakeRegistry"/>: each one is a lookup that says what is wrong,
/// never an exception and never details made up from a body that is not the one asked for.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class ImageDetailsBrokenAnswerTests(Servers servers) : IAsyncLifetime
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private static readonly ImageReference Image = ImageReference.Parse($"{FakeRegistry.Host}/team/app:1.0");
    private static readonly byte[] Config = Encoding.UTF8.GetBytes(
        """{"created":"2025-05-01T10:00:00.123456789Z","os":"linux","architecture":"amd64","config":{"Labels":{"org.opencontainers.image.version":"3.1"}}}""");

    private readonly TableBackend backend = new(servers);
    private readonly FakeRegistry registry = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        registry.Dispose();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task A_well_formed_answer_reads_as_details_so_the_failures_below_are_the_registrys_doing()
    {
        var manifest = Manifest(Config);
        Serve(manifest, ManifestType, Config);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.Error.ShouldBeNull();
        lookup.Details.ShouldNotBeNull().Version.ShouldBe("3.1");
        // Nine digits of fraction, as Go writes them: read to the nearest tick (100 ns).
        lookup.Details.Created.ShouldNotBeNull().ShouldBe(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_568), TimeSpan.FromTicks(1));
    }

    [Fact]
    public async Task A_config_blob_that_does_not_hash_to_its_digest_is_refused()
    {
        var manifest = Manifest(Config);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Config).Replace("3.1", "6.6", StringComparison.Ordinal));
        Serve(manifest, ManifestType, tampered);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"{FakeRegistry.Host} answered {Image.Name}@{DigestOf(Config)} with a blob of another digest"));
    }

    [Fact]
    public async Task A_manifest_that_does_not_hash_to_the_digest_asked_is_refused_before_its_config_is_fetched()
    {
        var manifest = Manifest(Config);
        Serve(manifest, ManifestType, Config);
        var asked = "sha256:" + new string('a', 64);

        var lookup = await Client().GetImageDetailsAsync(Image, asked, null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"{FakeRegistry.Host} answered {Image.Name}@{asked} with a manifest of another digest"));
        registry.Seen.ShouldNotContain(r => r.Uri.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schema_1_manifest_is_refused_for_its_media_type()
    {
        var manifest = Encoding.UTF8.GetBytes("""{"schemaVersion":1,"name":"team/app","tag":"1.0","fsLayers":[]}""");
        Serve(manifest, "application/vnd.docker.distribution.manifest.v1+prettyjws", Config);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed(
            $"{Image.Name}@{DigestOf(manifest)}: the manifest has an unsupported media type 'application/vnd.docker.distribution.manifest.v1+prettyjws'"));
    }

    [Fact]
    public async Task A_manifest_that_names_no_config_is_refused()
    {
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{ManifestType}}","layers":[]}""");
        Serve(manifest, ManifestType, Config);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"{Image.Name}@{DigestOf(manifest)}: the manifest names no config"));
    }

    [Fact]
    public async Task An_artifact_whose_config_is_not_an_image_config_is_refused()
    {
        var manifest = Manifest(Config, "application/vnd.cncf.helm.config.v1+json");
        Serve(manifest, ManifestType, Config);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed(
            $"{Image.Name}@{DigestOf(manifest)}: the manifest is not a container image (its config is 'application/vnd.cncf.helm.config.v1+json')"));
    }

    [Fact]
    public async Task A_config_that_is_not_json_is_refused()
    {
        var garbage = Encoding.UTF8.GetBytes("<html>maintenance</html>");
        var manifest = Manifest(garbage);
        Serve(manifest, ManifestType, garbage);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.Details.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldStartWith($"the config of {Image.Name}@{DigestOf(manifest)}: the image config is not valid (");
    }

    [Fact]
    public async Task A_config_field_of_the_wrong_shape_is_refused_naming_the_field()
    {
        var odd = Encoding.UTF8.GetBytes("""{"os":"linux","architecture":"amd64","config":{"Env":"PATH=/bin"}}""");
        var manifest = Manifest(odd);
        Serve(manifest, ManifestType, odd);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"the config of {Image.Name}@{DigestOf(manifest)}: the image config is not valid (Env is not an array of strings)"));
    }

    [Fact]
    public async Task A_config_declared_larger_than_4_MiB_is_refused_without_fetching_it()
    {
        var manifest = Manifest(Config, size: 5 * 1024 * 1024);
        Serve(manifest, ManifestType, Config);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"the config of {Image.Name}@{DigestOf(manifest)} is larger than 4 MiB"));
        registry.Seen.ShouldNotContain(r => r.Uri.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_config_body_that_runs_past_4_MiB_is_refused_whatever_the_manifest_declared()
    {
        var manifest = Manifest(Config);
        registry.Answer = request => request.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal)
            ? Ok(new byte[(4 * 1024 * 1024) + 1], "application/octet-stream", sized: false)
            : Ok(manifest, ManifestType);

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"the config blob {Image.Name}@{DigestOf(Config)} is larger than 4 MiB"));
    }

    [Fact]
    public async Task A_blob_redirected_to_storage_is_fetched_there_without_the_registrys_credentials()
    {
        var manifest = Manifest(Config);
        var storage = new Uri($"https://storage.example.com/blobs/{DigestOf(Config)}?signature=abc");
        var sentToStorage = new List<AuthenticationHeaderValue?>();
        registry.Answer = request =>
        {
            if (request.RequestUri!.Host == storage.Host)
            {
                sentToStorage.Add(request.Headers.Authorization);
                return Ok(Config, "application/octet-stream");
            }

            if (request.RequestUri.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal))
            {
                var redirect = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
                redirect.Headers.Location = storage;
                return redirect;
            }

            return Ok(manifest, ManifestType);
        };
        var client = Client(new RegistryCredential { Host = FakeRegistry.Host, Username = "team", Password = "registry-secret" });

        var lookup = await client.GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.Details.ShouldNotBeNull().Version.ShouldBe("3.1");
        sentToStorage.ShouldBe([null]);
    }

    [Fact]
    public async Task A_storage_service_that_refuses_the_redirected_blob_is_named_in_the_error()
    {
        var manifest = Manifest(Config);
        var storage = new Uri($"https://storage.example.com/blobs/{DigestOf(Config)}?signature=expired");
        registry.Answer = request =>
        {
            if (request.RequestUri!.Host == storage.Host)
            {
                return new HttpResponseMessage(HttpStatusCode.Forbidden);
            }

            if (request.RequestUri.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal))
            {
                var redirect = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
                redirect.Headers.Location = storage;
                return redirect;
            }

            return Ok(manifest, ManifestType);
        };

        var lookup = await Client().GetImageDetailsAsync(Image, DigestOf(manifest), null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed(
            $"storage.example.com, where {FakeRegistry.Host} keeps the config blob {Image.Name}@{DigestOf(Config)}, answered 403 Forbidden"));
    }

    private void Serve(byte[] manifest, string manifestType, byte[] blob) =>
        registry.Answer = request => request.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal)
            ? Ok(blob, "application/octet-stream")
            : Ok(manifest, manifestType);

    private static byte[] Manifest(byte[] config, string configType = "application/vnd.oci.image.config.v1+json", long? size = null) =>
        Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{ManifestType}}",
             "config":{"mediaType":"{{configType}}","digest":"{{DigestOf(config)}}","size":{{size ?? config.Length}}},
             "layers":[]}
            """);

    private static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static HttpResponseMessage Ok(byte[] body, string mediaType, bool sized = true)
    {
        HttpContent content = sized ? new ByteArrayContent(body) : new UnsizedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private RegistryClient Client(params RegistryCredential[] registries) =>
        RegistryClients.Pipeline(backend.Connect(), Options.Create(new DetectionOptions { Registries = [.. registries], RequestTimeoutSeconds = 10 }), registry).Client;
}
