using Dockward.Core.Detection;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;
using static Dockward.Testing.RegistryUploads;

namespace Dockward.Core.Tests.Detection.Registry;

/// <summary>
/// Multi-platform tags on the real distribution registry: an OCI index (linux/amd64, linux/arm64/v8 and a BuildKit
/// attestation) and a Docker manifest list, pushed through the Registry API, then asked the way a check asks.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class MultiPlatformRegistryTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);
    private readonly string repository = Servers.UniqueName("multi") + "/app";
    private Pushed amd64 = null!;
    private Pushed arm64 = null!;
    private Pushed attestation = null!;
    private Pushed index = null!;

    public async Task InitializeAsync()
    {
        amd64 = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "1.0");
        arm64 = await PushManifestAsync(servers.Registry, repository, "linux/arm64/v8", "1.0");
        attestation = await PushAttestationAsync(servers.Registry, repository, arm64);
        index = await PushIndexAsync(servers.Registry, repository, "1.0", OciIndex,
            new Entry(amd64, "linux/amd64"), new Entry(arm64, "linux/arm64/v8"), new Entry(attestation, "unknown/unknown", AttestationFor: arm64));
    }

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task The_tag_of_an_index_answers_with_the_index_digest_and_says_it_is_an_index()
    {
        var lookup = await Client().GetDigestAsync(Image("1.0"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(index.Digest, ManifestMediaTypes.OciIndex));
        lookup.IsIndex.ShouldBeTrue();
    }

    [Fact]
    public async Task The_arm64_entry_is_found_whether_or_not_the_platform_names_its_default_variant()
    {
        var client = Client();

        var withVariant = await client.FindPlatformDigestAsync(Image("1.0"), index.Digest, Parse("linux/arm64/v8"), CancellationToken.None);
        var withoutVariant = await client.FindPlatformDigestAsync(Image("1.0"), index.Digest, Parse("linux/aarch64"), CancellationToken.None);

        withVariant.ShouldBe(PlatformLookup.Found(arm64.Digest));
        withoutVariant.ShouldBe(PlatformLookup.Found(arm64.Digest));
    }

    [Fact]
    public async Task The_attestation_is_read_as_one_and_is_never_the_manifest_for_a_platform()
    {
        var client = Client();

        var read = await client.GetIndexAsync(Image("1.0"), index.Digest, CancellationToken.None);
        var unknown = await client.FindPlatformDigestAsync(Image("1.0"), index.Digest, Parse("unknown/unknown"), CancellationToken.None);

        read.Index.ShouldNotBeNull().Entries.Single(e => e.IsAttestation).Digest.ShouldBe(attestation.Digest);
        read.Index.Runnable.Select(e => e.Digest).ShouldBe([amd64.Digest, arm64.Digest]);
        unknown.Digest.ShouldBeNull();
        unknown.Error.ShouldBe($"{Image("1.0").Name}@{index.Digest} has no manifest for unknown/unknown");
    }

    [Fact]
    public async Task A_container_pulled_by_its_platform_digest_is_up_to_date()
    {
        var client = Client();
        var tag = await client.GetDigestAsync(Image("1.0"), CancellationToken.None);
        var verdict = client.VerdictFor(Image("1.0"), tag);

        var known = await verdict.CompareAsync(Running(arm64), Parse("linux/arm64"), CancellationToken.None);
        var unknownPlatform = await verdict.CompareAsync(Running(arm64), null, CancellationToken.None);

        known.ShouldBe(TagComparison.UpToDate);
        unknownPlatform.ShouldBe(TagComparison.UpToDate);
    }

    [Fact]
    public async Task A_container_running_the_attestation_digest_is_never_taken_as_up_to_date()
    {
        var client = Client();
        var tag = await client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        var comparison = await client.VerdictFor(Image("1.0"), tag).CompareAsync(Running(attestation), null, CancellationToken.None);

        comparison.ShouldBe(TagComparison.UpdateAvailable);
    }

    [Fact]
    public async Task A_new_index_on_the_tag_is_an_update_for_a_container_pulled_by_its_old_platform_digest()
    {
        var newArm64 = await PushManifestAsync(servers.Registry, repository, "linux/arm64/v8", "1.1");
        var newAmd64 = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "1.1");
        var newIndex = await PushIndexAsync(servers.Registry, repository, "1.0", OciIndex, new Entry(newAmd64, "linux/amd64"), new Entry(newArm64, "linux/arm64/v8"));
        var client = Client();
        var tag = await client.GetDigestAsync(Image("1.0"), CancellationToken.None);
        var verdict = client.VerdictFor(Image("1.0"), tag);

        var oldPlatformDigest = await verdict.CompareAsync(Running(arm64), Parse("linux/arm64/v8"), CancellationToken.None);
        var oldIndexDigest = await verdict.CompareAsync(Running(index), Parse("linux/arm64/v8"), CancellationToken.None);
        var newPlatformDigest = await verdict.CompareAsync(Running(newArm64), null, CancellationToken.None);

        tag.Digest.ShouldBe(newIndex.Digest);
        oldPlatformDigest.ShouldBe(TagComparison.UpdateAvailable);
        oldIndexDigest.ShouldBe(TagComparison.UpdateAvailable);
        newPlatformDigest.ShouldBe(TagComparison.UpToDate);
    }

    [Fact]
    public async Task The_index_is_read_once_for_every_container_of_the_image_and_not_at_all_when_they_run_the_tag_digest()
    {
        var pipeline = Pipeline();
        var tag = await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);
        var sameDigest = pipeline.Client.VerdictFor(Image("1.0"), tag);
        await sameDigest.CompareAsync(Running(index), null, CancellationToken.None);
        var afterSameDigest = pipeline.Requests.RegistryRequests;

        var byPlatform = pipeline.Client.VerdictFor(Image("1.0"), tag);
        var comparisons = await Task.WhenAll(
            byPlatform.CompareAsync(Running(arm64), Parse("linux/arm64"), CancellationToken.None),
            byPlatform.CompareAsync(Running(amd64), Parse("linux/amd64"), CancellationToken.None),
            byPlatform.CompareAsync(Running(amd64), null, CancellationToken.None));

        sameDigest.FetchedIndex.ShouldBeFalse();
        afterSameDigest.ShouldBe(1);
        comparisons.ShouldAllBe(c => c == TagComparison.UpToDate);
        pipeline.Requests.RegistryRequests.ShouldBe(afterSameDigest + 1);
    }

    [Fact]
    public async Task A_docker_manifest_list_resolves_platforms_like_an_oci_index()
    {
        var listAmd64 = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "list", DockerManifest);
        var listArm = await PushManifestAsync(servers.Registry, repository, "linux/arm/v7", "list", DockerManifest);
        var list = await PushIndexAsync(servers.Registry, repository, "list", DockerManifestList, new Entry(listAmd64, "linux/amd64"), new Entry(listArm, "linux/arm/v7"));
        var client = Client();

        var lookup = await client.GetDigestAsync(Image("list"), CancellationToken.None);
        var armDefault = await client.FindPlatformDigestAsync(Image("list"), list.Digest, Parse("linux/arm"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(list.Digest, ManifestMediaTypes.DockerManifestList));
        lookup.IsIndex.ShouldBeTrue();
        armDefault.ShouldBe(PlatformLookup.Found(listArm.Digest));
    }

    [Fact]
    public async Task A_single_manifest_tag_is_no_index_and_another_running_digest_is_an_update_without_reading_more()
    {
        await TagAsync(servers.Registry, repository, "single", amd64);
        var pipeline = Pipeline();
        var tag = await pipeline.Client.GetDigestAsync(Image("single"), CancellationToken.None);
        var verdict = pipeline.Client.VerdictFor(Image("single"), tag);

        var running = await verdict.CompareAsync(Running(amd64), Parse("linux/amd64"), CancellationToken.None);
        var other = await verdict.CompareAsync(Running(arm64), Parse("linux/amd64"), CancellationToken.None);
        var asIndex = await pipeline.Client.FindPlatformDigestAsync(Image("single"), amd64.Digest, Parse("linux/amd64"), CancellationToken.None);

        tag.ShouldBe(DigestLookup.Found(amd64.Digest, ManifestMediaTypes.OciManifest));
        tag.IsIndex.ShouldBeFalse();
        running.ShouldBe(TagComparison.UpToDate);
        other.ShouldBe(TagComparison.UpdateAvailable);
        verdict.FetchedIndex.ShouldBeFalse();
        asIndex.Error.ShouldBe($"{Image("single").Name}@{amd64.Digest} is a single-platform manifest, not an index");
    }

    [Fact]
    public async Task A_malformed_digest_is_refused_before_anything_is_asked()
    {
        var pipeline = Pipeline();

        var lookup = await pipeline.Client.GetIndexAsync(Image("1.0"), "sha256:../../tags/list", CancellationToken.None);

        lookup.Error.ShouldBe("'sha256:../../tags/list' is not a manifest digest (expected sha256:<64 hex>)");
        pipeline.Requests.RegistryRequests.ShouldBe(0);
    }

    private static Platform Parse(string platform) => Platform.TryParse(platform, out var parsed) ? parsed : throw new FormatException(platform);

    private static HashSet<string> Running(Pushed manifest) => [manifest.Digest];

    private ImageReference Image(string tag) => ImageReference.Parse($"{servers.Registry.Host}/{repository}:{tag}");

    private RegistryClient Client() => Pipeline().Client;

    private RegistryPipeline Pipeline() =>
        RegistryClients.Pipeline(backend.Connect(), Options.Create(new DetectionOptions { RequestTimeoutSeconds = 10 }));
}
