using System.Text;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Tests.Detection.Registry;

/// <summary>The index-versus-platform rule on its own: a tag's answer, a container's digests and platform, and an index read on demand.</summary>
[Trait("Area", "Detection")]
public sealed class SameTagVerdictTests
{
    private const string IndexDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Amd64 = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Arm64 = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string Attestation = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    private const string Old = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly DigestLookup IndexTag = DigestLookup.Found(IndexDigest, ManifestMediaTypes.OciIndex);
    private static readonly Platform LinuxAmd64 = Platform.Of("linux", "amd64", null)!;
    private static readonly Platform LinuxArm64 = Platform.Of("linux", "arm64", "v8")!;

    private int fetches;

    [Fact]
    public async Task Running_the_tag_digest_is_up_to_date_without_reading_the_index()
    {
        var verdict = Verdict(IndexTag);

        (await verdict.CompareAsync(Set(IndexDigest, Old), LinuxAmd64, CancellationToken.None)).ShouldBe(TagComparison.UpToDate);
        fetches.ShouldBe(0);
    }

    [Fact]
    public async Task Running_the_platform_digest_the_index_lists_for_the_container_is_up_to_date()
    {
        var comparison = await Verdict(IndexTag).CompareAsync(Set(Arm64), LinuxArm64, CancellationToken.None);

        comparison.ShouldBe(TagComparison.UpToDate);
    }

    [Fact]
    public async Task Running_another_platform_entry_than_the_containers_own_is_an_update()
    {
        var comparison = await Verdict(IndexTag).CompareAsync(Set(Amd64), LinuxArm64, CancellationToken.None);

        comparison.ShouldBe(TagComparison.UpdateAvailable);
    }

    [Fact]
    public async Task With_the_platform_unknown_any_runnable_entry_is_up_to_date_and_an_attestation_is_not()
    {
        var verdict = Verdict(IndexTag);

        (await verdict.CompareAsync(Set(Amd64), null, CancellationToken.None)).ShouldBe(TagComparison.UpToDate);
        (await verdict.CompareAsync(Set(Attestation), null, CancellationToken.None)).ShouldBe(TagComparison.UpdateAvailable);
        (await verdict.CompareAsync(Set(Old), null, CancellationToken.None)).ShouldBe(TagComparison.UpdateAvailable);
    }

    [Fact]
    public async Task The_index_is_read_once_however_many_containers_are_compared()
    {
        var verdict = Verdict(IndexTag);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => verdict.CompareAsync(Set(i % 2 == 0 ? Arm64 : Old), LinuxArm64, CancellationToken.None)));

        fetches.ShouldBe(1);
        verdict.FetchedIndex.ShouldBeTrue();
    }

    [Fact]
    public async Task A_single_manifest_tag_not_running_is_an_update_without_reading_anything()
    {
        var tag = DigestLookup.Found(IndexDigest, ManifestMediaTypes.DockerManifest);

        var comparison = await Verdict(tag).CompareAsync(Set(Old), LinuxAmd64, CancellationToken.None);

        comparison.ShouldBe(TagComparison.UpdateAvailable);
        fetches.ShouldBe(0);
    }

    [Fact]
    public async Task A_tag_of_unannounced_type_is_read_to_tell_an_index_from_a_manifest()
    {
        var tag = DigestLookup.Found(IndexDigest);

        var asIndex = await Verdict(tag).CompareAsync(Set(Arm64), LinuxArm64, CancellationToken.None);
        var asManifest = await Verdict(tag, IndexLookup.SingleManifest()).CompareAsync(Set(Arm64), LinuxArm64, CancellationToken.None);

        asIndex.ShouldBe(TagComparison.UpToDate);
        asManifest.ShouldBe(TagComparison.UpdateAvailable);
    }

    [Fact]
    public async Task An_index_that_cannot_be_read_fails_the_comparison_never_an_update_never_up_to_date()
    {
        var comparison = await Verdict(IndexTag, IndexLookup.Failed("registry.example.com is rate limiting (429)")).CompareAsync(Set(Arm64), LinuxArm64, CancellationToken.None);

        comparison.ShouldBe(TagComparison.Failed("registry.example.com is rate limiting (429)"));
    }

    [Fact]
    public async Task A_container_on_an_older_index_is_up_to_date_when_its_platform_manifest_did_not_change()
    {
        // docker pull image:tag keeps the index digest; the tag's new index rebuilt arm64 only.
        const string rebuiltArm64 = "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
        var runningIndex = BuildKitIndex();
        var newIndex = Index(Amd64, rebuiltArm64);
        var verdict = new SameTagVerdict(IndexTag, _ => Task.FromResult(newIndex), (digest, _) =>
        {
            digest.ShouldBe(Old);
            return Task.FromResult(runningIndex);
        });

        (await verdict.CompareAsync(Set(Old), LinuxAmd64, CancellationToken.None)).ShouldBe(TagComparison.UpToDate);
        (await verdict.CompareAsync(Set(Old), LinuxArm64, CancellationToken.None)).ShouldBe(TagComparison.UpdateAvailable);
    }

    [Fact]
    public async Task An_older_index_that_cannot_be_read_fails_the_comparison()
    {
        var verdict = new SameTagVerdict(
            IndexTag, _ => Task.FromResult(Index(Amd64, Arm64)), (_, _) => Task.FromResult(IndexLookup.Failed("registry.example.com answered 503")));

        (await verdict.CompareAsync(Set(Old), LinuxAmd64, CancellationToken.None)).ShouldBe(TagComparison.Failed("registry.example.com answered 503"));
    }

    [Fact]
    public async Task A_platform_the_index_does_not_offer_is_unknown_unless_a_runnable_entry_is_running()
    {
        var s390x = Platform.Of("linux", "s390x", null)!;
        var verdict = Verdict(IndexTag);

        (await verdict.CompareAsync(Set(Old), s390x, CancellationToken.None)).ShouldBe(TagComparison.Unknown("the tag no longer offers a manifest for linux/s390x"));
        (await verdict.CompareAsync(Set(Amd64), s390x, CancellationToken.None)).ShouldBe(TagComparison.UpToDate);
    }

    [Fact]
    public async Task No_running_digest_or_no_tag_digest_cannot_be_compared()
    {
        (await Verdict(IndexTag).CompareAsync(Set(), LinuxAmd64, CancellationToken.None)).Status.ShouldBe(TagComparisonStatus.Unknown);
        (await Verdict(DigestLookup.Failed("gone")).CompareAsync(Set(Amd64), LinuxAmd64, CancellationToken.None)).ShouldBe(TagComparison.Unknown("gone"));
        fetches.ShouldBe(0);
    }

    private static HashSet<string> Set(params string[] digests) => [.. digests];

    private static IndexLookup BuildKitIndex() => ManifestIndex.Read(Encoding.UTF8.GetBytes($$$"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"digest":"{{{Amd64}}}","platform":{"os":"linux","architecture":"amd64"}},
          {"digest":"{{{Arm64}}}","platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
          {"digest":"{{{Attestation}}}","platform":{"os":"unknown","architecture":"unknown"},"annotations":{"vnd.docker.reference.type":"attestation-manifest"}}]}
        """), ManifestMediaTypes.OciIndex);

    private static IndexLookup Index(string amd64, string arm64) => ManifestIndex.Read(Encoding.UTF8.GetBytes($$$"""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"digest":"{{{amd64}}}","platform":{"os":"linux","architecture":"amd64"}},
          {"digest":"{{{arm64}}}","platform":{"os":"linux","architecture":"arm64","variant":"v8"}}]}
        """), ManifestMediaTypes.OciIndex);

    private SameTagVerdict Verdict(DigestLookup tag, IndexLookup? index = null) =>
        new(tag, async _ =>
        {
            Interlocked.Increment(ref fetches);
            await Task.Yield();
            return index ?? BuildKitIndex();
        });
}
