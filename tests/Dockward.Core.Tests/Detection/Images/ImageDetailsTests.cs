using System.Text;
using System.Text.Json.Nodes;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Images;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Images;

/// <summary>
/// Image details read from the real distribution registry: images built by the engine and pushed, images whose config
/// a test writes, and a multi-platform index, read the way an update plan and the age rule read them.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class ImageDetailsTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);
    private readonly string repository = Servers.UniqueName("details") + "/app";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task A_pushed_image_reads_with_its_build_time_oci_labels_and_runtime_defaults()
    {
        var built = DateTimeOffset.UtcNow;
        var digest = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Healthy("1.0") with
        {
            Labels = new Dictionary<string, string>
            {
                ["org.opencontainers.image.version"] = "1.0.3",
                ["org.opencontainers.image.revision"] = "4f2a9c1",
                ["org.opencontainers.image.source"] = "https://git.example.com/team/app",
                ["org.opencontainers.image.title"] = "Team app",
                ["org.opencontainers.image.url"] = "https://app.example.com",
                ["team"] = "platform",
            },
        });

        var lookup = await Pipeline().Client.GetImageDetailsAsync(Image("1.0"), digest, null, CancellationToken.None);

        lookup.Error.ShouldBeNull();
        var details = lookup.Details.ShouldNotBeNull();
        details.Digest.ShouldBe(digest);
        details.PlatformDigest.ShouldBeNull();
        details.Platform.ShouldNotBeNull().Os.ShouldBe("linux");
        details.Created.ShouldNotBeNull().ShouldBeInRange(built.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        (details.Version, details.Revision, details.Source, details.Title, details.Url)
            .ShouldBe(("1.0.3", "4f2a9c1", "https://git.example.com/team/app", "Team app", "https://app.example.com"));
        details.Labels["team"].ShouldBe("platform");
        details.Config.Env.ShouldContain("APP_VERSION=1.0");
        details.Config.Cmd.ShouldBe(["sh", "-c", TestImage.ServeHttp]);
        details.Config.ExposedPorts.ShouldBe(["8080/tcp"]);
        details.Config.Healthcheck.ShouldNotBeNull().Test.ShouldBe(["CMD-SHELL", TestImage.Healthy("1.0").Healthcheck!]);
        (details.Config.Healthcheck.Interval, details.Config.Healthcheck.Timeout, details.Config.Healthcheck.Retries)
            .ShouldBe((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 2));
    }

    [Fact]
    public async Task An_image_without_labels_reads_with_none_rather_than_failing()
    {
        var digest = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Plain("1.0"));

        var lookup = await Pipeline().Client.GetImageDetailsAsync(Image("1.0"), digest, null, CancellationToken.None);

        var details = lookup.Details.ShouldNotBeNull();
        details.Labels.ShouldBeEmpty();
        (details.Version, details.Source).ShouldBe((null, null));
        details.Config.Healthcheck.ShouldBeNull();
    }

    [Fact]
    public async Task Two_versions_differ_in_exactly_the_env_ports_volumes_and_healthcheck_they_changed()
    {
        var (current, _) = await ConfigUploads.PushAsync(servers.Registry, repository, "1.0", new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), new JsonObject
        {
            ["Env"] = new JsonArray("PATH=/bin", "APP_VERSION=1.0", "DEBUG=1"),
            ["Cmd"] = new JsonArray("serve"),
            ["ExposedPorts"] = new JsonObject { ["8080/tcp"] = new JsonObject() },
            ["Healthcheck"] = new JsonObject { ["Test"] = new JsonArray("CMD-SHELL", "check"), ["Interval"] = 5_000_000_000L, ["Retries"] = 3 },
            ["Labels"] = new JsonObject { ["org.opencontainers.image.version"] = "1.0" },
        });
        var (target, _) = await ConfigUploads.PushAsync(servers.Registry, repository, "2.0", new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero), new JsonObject
        {
            ["Env"] = new JsonArray("PATH=/bin", "APP_VERSION=2.0", "LOG=info"),
            ["Cmd"] = new JsonArray("serve"),
            ["ExposedPorts"] = new JsonObject { ["8080/tcp"] = new JsonObject(), ["9090/tcp"] = new JsonObject() },
            ["Volumes"] = new JsonObject { ["/data"] = new JsonObject() },
            ["Healthcheck"] = new JsonObject { ["Test"] = new JsonArray("CMD-SHELL", "check"), ["Interval"] = 10_000_000_000L, ["Retries"] = 3 },
            ["Labels"] = new JsonObject { ["org.opencontainers.image.version"] = "2.0" },
        });
        var client = Pipeline().Client;

        var before = (await client.GetImageDetailsAsync(Image("1.0"), current, null, CancellationToken.None)).Details.ShouldNotBeNull();
        var after = (await client.GetImageDetailsAsync(Image("2.0"), target, null, CancellationToken.None)).Details.ShouldNotBeNull();

        (before.Version, after.Version).ShouldBe(("1.0", "2.0"));
        after.Created.ShouldBe(new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero));
        ImageConfigDifference.Between(before, after).ShouldBe(
        [
            new ConfigChange("env.APP_VERSION", "1.0", "2.0"),
            new ConfigChange("env.DEBUG", "1", null),
            new ConfigChange("env.LOG", null, "info"),
            new ConfigChange("port.9090/tcp", null, "9090/tcp"),
            new ConfigChange("volume./data", null, "/data"),
            new ConfigChange("healthcheck", """["CMD-SHELL","check"] interval=5s retries=3""", """["CMD-SHELL","check"] interval=10s retries=3"""),
        ]);
    }

    [Fact]
    public async Task An_index_is_read_through_its_manifest_for_the_platform_asked_or_linux_amd64()
    {
        var amd64 = await RegistryUploads.PushManifestAsync(servers.Registry, repository, "linux/amd64", "1.0");
        var arm64 = await RegistryUploads.PushManifestAsync(servers.Registry, repository, "linux/arm64/v8", "1.0");
        var index = await RegistryUploads.PushIndexAsync(servers.Registry, repository, "1.0", RegistryUploads.OciIndex,
            new RegistryUploads.Entry(amd64, "linux/amd64"), new RegistryUploads.Entry(arm64, "linux/arm64/v8"));
        var client = Pipeline().Client;

        var asked = await client.GetImageDetailsAsync(Image("1.0"), index.Digest, Parse("linux/arm64"), CancellationToken.None);
        var unsaid = await client.GetImageDetailsAsync(Image("1.0"), index.Digest, null, CancellationToken.None);
        var missing = await client.GetImageDetailsAsync(Image("1.0"), index.Digest, Parse("linux/s390x"), CancellationToken.None);

        asked.Details.ShouldNotBeNull().Digest.ShouldBe(index.Digest);
        (asked.Details.PlatformDigest, asked.Details.Platform).ShouldBe((arm64.Digest, Parse("linux/arm64")));
        // These configs were written without a created date: unknown, never a made-up one.
        asked.Details.Created.ShouldBeNull();
        (unsaid.Details.ShouldNotBeNull().PlatformDigest, unsaid.Details.Platform).ShouldBe((amd64.Digest, Parse("linux/amd64")));
        missing.ShouldBe(ImageDetailsLookup.Failed($"{Image("1.0").Name}@{index.Digest} has no manifest for linux/s390x"));
    }

    [Fact]
    public async Task Details_read_once_are_answered_again_without_asking_the_registry()
    {
        var digest = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Plain("1.0"));
        var pipeline = Pipeline();
        var first = await pipeline.Client.GetImageDetailsAsync(Image("1.0"), digest, null, CancellationToken.None);
        var sent = pipeline.Requests.RegistryRequests;

        var again = await pipeline.Client.GetImageDetailsAsync(Image("1.0"), digest, null, CancellationToken.None);

        first.Details.ShouldNotBeNull();
        again.ShouldBeSameAs(first);
        pipeline.Requests.RegistryRequests.ShouldBe(sent);
        sent.ShouldBe(2, "one manifest and one config blob");
    }

    [Fact]
    public async Task The_config_blob_is_read_through_the_bearer_token_flow_of_a_token_registry()
    {
        var digest = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Plain("1.0") with
        {
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.0.7" },
        });
        var pipeline = Pipeline(new RegistryCredential { Host = servers.TokenRegistry.Host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword });
        var image = ImageReference.Parse($"{servers.TokenRegistry.Host}/{repository}:1.0");

        var lookup = await pipeline.Client.GetImageDetailsAsync(image, digest, null, CancellationToken.None);

        lookup.Error.ShouldBeNull();
        lookup.Details.ShouldNotBeNull().Version.ShouldBe("1.0.7");
    }

    [Fact]
    public async Task A_config_blob_damaged_in_the_registrys_storage_is_refused_as_another_digest()
    {
        var (digest, config) = await ConfigUploads.PushAsync(servers.Registry, repository, "1.0", DateTimeOffset.UtcNow, new JsonObject
        {
            ["Labels"] = new JsonObject { ["org.opencontainers.image.version"] = "1.0", ["test.repository"] = repository },
        });
        var stored = StoredBlob(config);
        var bytes = await File.ReadAllBytesAsync(stored);
        // Bit rot of the same length: the registry still serves it, with the size the manifest declares.
        await File.WriteAllBytesAsync(stored, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"1.0\"", "\"6.6\"", StringComparison.Ordinal)));

        var lookup = await Pipeline().Client.GetImageDetailsAsync(Image("1.0"), digest, null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"{servers.Registry.Host} answered {Image("1.0").Name}@{config} with a blob of another digest"));
    }

    [Fact]
    public async Task A_digest_the_repository_does_not_hold_is_reported_as_not_found()
    {
        var digest = "sha256:" + new string('0', 64);

        var lookup = await Pipeline().Client.GetImageDetailsAsync(Image("1.0"), digest, null, CancellationToken.None);

        lookup.ShouldBe(ImageDetailsLookup.Failed($"{Image("1.0").Name}@{digest} not found on {servers.Registry.Host}"));
    }

    /// <summary>
    /// The file the test registries keep a blob in: distribution's filesystem layout
    /// (<c>docker/registry/v2/blobs/sha256/&lt;2 hex&gt;/&lt;hex&gt;/data</c>) under the storage folder <see cref="Servers"/> made.
    /// Only this test's registry storage holds a blob this test wrote, so exactly one file matches.
    /// </summary>
    private static string StoredBlob(string digest)
    {
        var hex = digest["sha256:".Length..];
        var files = Directory.EnumerateDirectories(Path.GetTempPath(), "dockward-registry-data-*")
            .Select(root => Path.Combine(root, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data"))
            .Where(File.Exists)
            .ToList();
        return files.Count == 1 ? files[0] : throw new InvalidOperationException($"expected one stored copy of {digest}, found {files.Count}");
    }

    private ImageReference Image(string tag) => ImageReference.Parse($"{servers.Registry.Host}/{repository}:{tag}");

    private static Platform Parse(string text) => Platform.TryParse(text, out var platform) ? platform : throw new FormatException(text);

    private RegistryPipeline Pipeline(params RegistryCredential[] registries) =>
        RegistryClients.Pipeline(backend.Connect(), Options.Create(new DetectionOptions { Registries = [.. registries], RequestTimeoutSeconds = 10 }));
}
