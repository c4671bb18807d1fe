using System.Text;
using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Tests.Detection.Registry;

[Trait("Area", "Detection")]
public sealed class ManifestIndexTests
{
    private const string Amd64 = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Arm64 = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string Attestation = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    private const string Annotated = "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";

    // The shape BuildKit pushes (docs.docker.com/build/metadata/attestations/attestation-storage/): platform entries,
    // then one attestation per platform with platform unknown/unknown and the reference annotations.
    private const string BuildKitIndex = $$$"""
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{{{Amd64}}}", "size": 1, "platform": {"architecture": "amd64", "os": "linux"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{{{Arm64}}}", "size": 1, "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{{{Attestation}}}", "size": 1, "platform": {"architecture": "unknown", "os": "unknown"},
             "annotations": {"vnd.docker.reference.digest": "{{{Amd64}}}", "vnd.docker.reference.type": "attestation-manifest"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "{{{Annotated}}}", "size": 1, "platform": {"architecture": "arm64", "os": "linux"},
             "annotations": {"vnd.docker.reference.type": "attestation-manifest"}}
          ]
        }
        """;

    [Fact]
    public void Entries_carry_digest_media_type_and_normalised_platform_and_attestations_are_marked_both_ways()
    {
        var index = Read(BuildKitIndex, ManifestMediaTypes.OciIndex).Index.ShouldNotBeNull();

        index.Entries.Select(e => (e.Digest, e.Platform?.ToString(), e.IsAttestation)).ShouldBe(
        [
            (Amd64, "linux/amd64", false),
            (Arm64, "linux/arm64", false),
            (Attestation, "unknown/unknown", true),
            (Annotated, "linux/arm64", true),
        ]);
        index.Entries.ShouldAllBe(e => e.MediaType == ManifestMediaTypes.OciManifest);
    }

    [Fact]
    public void A_platform_finds_its_runnable_entry_and_never_an_attestation()
    {
        var index = Read(BuildKitIndex, ManifestMediaTypes.OciIndex).Index!;

        index.Find(Platform.Of("linux", "arm64", null)!)!.Digest.ShouldBe(Arm64);
        index.Find(Platform.Of("unknown", "unknown", null)!).ShouldBeNull();
        index.ContainsRunnable(Attestation).ShouldBeFalse();
        index.ContainsRunnable(Amd64).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ManifestMediaTypes.OciManifest, "{}")]
    [InlineData(ManifestMediaTypes.DockerManifest, "not even json")]
    [InlineData(null, """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","layers":[]}""")]
    [InlineData(null, """{"schemaVersion":2,"config":{},"layers":[]}""")]
    public void A_single_platform_manifest_is_reported_as_such(string? contentType, string body)
    {
        Read(body, contentType).ShouldBe(IndexLookup.SingleManifest());
    }

    [Fact]
    public void Without_a_content_type_the_body_says_it_is_an_index()
    {
        var list = $$$"""{"schemaVersion":2,"mediaType":"{{{ManifestMediaTypes.DockerManifestList}}}","manifests":[{"digest":"{{{Amd64}}}","platform":{"os":"linux","architecture":"amd64"}}]}""";

        Read(list, null).Index.ShouldNotBeNull().Entries.Single().Digest.ShouldBe(Amd64);
    }

    [Theory]
    [InlineData(ManifestMediaTypes.OciIndex, "{\"manifests\": [", "the manifest is not valid JSON")]
    [InlineData(ManifestMediaTypes.OciIndex, "[]", "the manifest is not a JSON object")]
    [InlineData(ManifestMediaTypes.OciIndex, "{\"schemaVersion\":2}", "the index has no 'manifests' array")]
    [InlineData(ManifestMediaTypes.DockerManifestList, "{\"manifests\":{}}", "the index has no 'manifests' array")]
    [InlineData(ManifestMediaTypes.OciIndex, "{\"manifests\":[42]}", "an index entry is not a JSON object")]
    [InlineData(ManifestMediaTypes.OciIndex, "{\"manifests\":[{\"digest\":\"sha256:short\"}]}", "an index entry has a malformed digest 'sha256:short'")]
    [InlineData(ManifestMediaTypes.OciIndex, "{\"manifests\":[{}]}", "an index entry has a malformed digest ''")]
    [InlineData(null, "{\"mediaType\":\"text/html\",\"manifests\":[]}", "the manifest has an unsupported media type 'text/html'")]
    public void A_malformed_index_is_a_clear_error(string? contentType, string body, string error)
    {
        var lookup = Read(body, contentType);

        lookup.Index.ShouldBeNull();
        lookup.IsSingleManifest.ShouldBeFalse();
        lookup.Error.ShouldNotBeNull().ShouldStartWith(error);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_not_followed()
    {
        var body = "{\"manifests\":[" + new string('[', 100) + new string(']', 100) + "]}";

        Read(body, ManifestMediaTypes.OciIndex).Error.ShouldNotBeNull().ShouldStartWith("the manifest is not valid JSON");
    }

    [Fact]
    public void An_index_with_more_entries_than_any_real_one_is_refused()
    {
        var entry = $$$"""{"digest":"{{{Amd64}}}","platform":{"os":"linux","architecture":"amd64"}}""";
        var body = "{\"manifests\":[" + string.Join(',', Enumerable.Repeat(entry, ManifestIndex.MaxEntries + 1)) + "]}";

        Read(body, ManifestMediaTypes.OciIndex).Error.ShouldBe($"the index lists more than {ManifestIndex.MaxEntries} manifests");
    }

    [Fact]
    public void An_entry_without_a_usable_platform_is_kept_without_one()
    {
        var body = $$$"""{"manifests":[{"digest":"{{{Amd64}}}"},{"digest":"{{{Arm64}}}","platform":{"os":"linux","architecture":"arm 64"}}]}""";

        var index = Read(body, ManifestMediaTypes.OciIndex).Index.ShouldNotBeNull();

        index.Entries.ShouldAllBe(e => e.Platform == null && !e.IsAttestation);
        index.Find(Platform.Of("linux", "amd64", null)!).ShouldBeNull();
    }

    private static IndexLookup Read(string body, string? contentType) => ManifestIndex.Read(Encoding.UTF8.GetBytes(body), contentType);
}
