using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Tests.Detection.Tags;

[Trait("Area", "Detection")]
public sealed class TagVersionTests
{
    [Theory]
    [InlineData("1", "", 1, "", "")]
    [InlineData("1.2", "", 2, "", "")]
    [InlineData("1.2.3", "", 3, "", "")]
    [InlineData("1.2.3.4", "", 4, "", "")]
    [InlineData("0.0.0", "", 3, "", "")]
    [InlineData("v1.2.3", "v", 3, "", "")]
    [InlineData("V1.2.3", "V", 3, "", "")]
    [InlineData("2.0.0-rc.1", "", 3, "rc.1", "")]
    [InlineData("2.0.0-beta2", "", 3, "beta2", "")]
    [InlineData("2.0.0-RC1", "", 3, "RC1", "")]
    [InlineData("2.0.0-alpha", "", 3, "alpha", "")]
    [InlineData("2.0.0-rc-1", "", 3, "rc-1", "")]
    [InlineData("2.0.0-preview.3", "", 3, "preview.3", "")]
    [InlineData("2.0.0-SNAPSHOT", "", 3, "SNAPSHOT", "")]
    [InlineData("3.9b2", "", 0, "", "")]
    [InlineData("3.9.0-b2", "", 3, "b2", "")]
    [InlineData("1.25-alpine", "", 2, "", "alpine")]
    [InlineData("1.25-alpine3.19", "", 2, "", "alpine3.19")]
    [InlineData("12.1-bookworm", "", 2, "", "bookworm")]
    [InlineData("3.12.1-slim-bookworm", "", 3, "", "slim-bookworm")]
    [InlineData("2.0.0-rc.1-alpine", "", 3, "rc.1", "alpine")]
    [InlineData("1.0-beta", "", 2, "beta", "")]
    [InlineData("1.0-b", "", 2, "", "b")]
    [InlineData("1.0-a", "", 2, "", "a")]
    [InlineData("1.0-devel", "", 2, "", "devel")]
    [InlineData("1.0-rcx", "", 2, "", "rcx")]
    [InlineData("1.0-alpha.beta", "", 2, "", "alpha.beta")]
    public void Reads_the_prefix_components_pre_release_and_variant(string tag, string prefix, int components, string preRelease, string variant)
    {
        if (components == 0)
        {
            TagVersion.TryParse(tag, out _, out _).ShouldBeFalse();
            return;
        }

        TagVersion.TryParse(tag, out var version, out var reason).ShouldBeTrue(reason);
        version.Prefix.ShouldBe(prefix);
        version.Components.Count.ShouldBe(components);
        version.PreRelease.ShouldBe(preRelease);
        version.IsPreRelease.ShouldBe(preRelease.Length > 0);
        version.Variant.ShouldBe(variant);
    }

    [Theory]
    [InlineData("latest", "is not a version")]
    [InlineData("stable", "is not a version")]
    [InlineData("main", "is not a version")]
    [InlineData("edge", "is not a version")]
    [InlineData("20240101", "looks like a date")]
    [InlineData("202401011230", "looks like a date")]
    [InlineData("2024.01.01", "looks like a date")]
    [InlineData("2024-01-01", "looks like a date")]
    [InlineData("v2024-01-01", "looks like a date")]
    [InlineData("abc1234", "looks like a commit hash")]
    [InlineData("1a2b3c4d", "looks like a commit hash")]
    [InlineData("DEADBEEFCAFE", "looks like a commit hash")]
    [InlineData("3f1c2e9a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e", "looks like a commit hash")]
    [InlineData("01.2.3", "is not a version")]
    [InlineData("1.02.3", "is not a version")]
    [InlineData("1.2.03", "is not a version")]
    [InlineData("1.2.3.4.5", "is not a version")]
    [InlineData("1.2.", "is not a version")]
    [InlineData(".1.2", "is not a version")]
    [InlineData("1..2", "is not a version")]
    [InlineData("1.2.3-", "is not a version")]
    [InlineData("1.2.3-1", "is not a version")]
    [InlineData("1.2.3--alpine", "is not a version")]
    [InlineData("1.2.3+", "is not a version")]
    [InlineData("1.2.3a", "is not a version")]
    [InlineData("v", "is not a version")]
    [InlineData("vv1.2", "is not a version")]
    [InlineData("1.2.3 ", "is not a version")]
    [InlineData("1234567890123456789", "is not a version")]
    [InlineData("1.2.3-ünïcode", "is not a version")]
    public void Names_dates_hashes_and_malformed_numbers_are_not_versions(string tag, string why)
    {
        TagVersion.TryParse(tag, out var version, out var reason).ShouldBeFalse();
        version.ShouldBeNull();
        reason.ShouldBe($"'{tag}' {why}" + (why.StartsWith("looks", StringComparison.Ordinal) ? ", not a version" : ""));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_tags_are_not_versions(string? tag) =>
        TagVersion.TryParse(tag, out _, out _).ShouldBeFalse();

    [Fact]
    public void A_tag_longer_than_Docker_allows_is_not_a_version() =>
        TagVersion.TryParse("1.2.3-" + new string('x', 200), out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData("1234567", 1)]
    [InlineData("2024.1.0", 3)]
    [InlineData("2023.12.4", 3)]
    public void All_digit_numbers_and_unpadded_calendar_versions_are_versions(string tag, int components)
    {
        TagVersion.TryParse(tag, out var version, out var reason).ShouldBeTrue(reason);
        version.Components.Count.ShouldBe(components);
    }

    // Each row: lower < higher by semver.org §11 (with beta2 < beta10 as people mean it).
    [Theory]
    [InlineData("1.9", "1.10")]
    [InlineData("1.9.9", "1.10.0")]
    [InlineData("1.2.3", "1.2.4")]
    [InlineData("1.2.3", "2.0.0")]
    [InlineData("1.2.3.4", "1.2.3.10")]
    [InlineData("9", "10")]
    [InlineData("2.0.0-rc.1", "2.0.0")]
    [InlineData("2.0.0-rc.1", "2.0.0-rc.2")]
    [InlineData("2.0.0-rc.9", "2.0.0-rc.10")]
    [InlineData("2.0.0-beta2", "2.0.0-beta10")]
    [InlineData("2.0.0-alpha", "2.0.0-alpha.1")]
    [InlineData("2.0.0-alpha.1", "2.0.0-beta")]
    [InlineData("2.0.0-alpha.1", "2.0.0-alpha.1.1")]
    [InlineData("2.0.0-beta.11", "2.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.1-alpha.1")]
    [InlineData("1.2.3+build.99", "1.2.4+build.1")]
    [InlineData("v1.2.3", "1.2.4")]
    public void Versions_rank_by_semver_precedence(string lower, string higher)
    {
        var low = Parse(lower);
        var high = Parse(higher);
        TagVersion.Compare(low, high).ShouldBeLessThan(0);
        TagVersion.Compare(high, low).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("1.2.3", "1.2.3+build.5")]
    [InlineData("1.2.3+a", "1.2.3+b")]
    [InlineData("2.0.0-RC.1", "2.0.0-rc.1")]
    [InlineData("1.2-alpine", "1.2-slim")]
    [InlineData("v1.2", "1.2")]
    public void Build_metadata_prefix_and_variant_do_not_change_precedence(string left, string right) =>
        TagVersion.Compare(Parse(left), Parse(right)).ShouldBe(0);

    [Theory]
    [InlineData("1.2-alpine", "1.3-alpine", true)]
    [InlineData("1.2-alpine", "1.3", false)]
    [InlineData("1.2-alpine", "2-alpine", false)]
    [InlineData("1.2-alpine", "1.3.0-alpine", false)]
    [InlineData("1.2-alpine", "1.3-alpine3.19", false)]
    [InlineData("1.2-alpine", "1.3-Alpine", false)]
    [InlineData("v1.2.3", "v1.2.4", true)]
    [InlineData("v1.2.3", "1.2.4", false)]
    [InlineData("1.2.3", "v1.2.4", false)]
    [InlineData("v1.2.3", "V1.2.4", false)]
    [InlineData("2.0.0-rc.1", "2.0.0", true)]
    [InlineData("2.0.0-rc.1-alpine", "2.0.0-alpine", true)]
    [InlineData("1.2.3", "1.2.4+build.7", true)]
    public void The_form_is_the_prefix_the_component_count_and_the_variant(string current, string candidate, bool same) =>
        Parse(current).HasSameFormAs(Parse(candidate)).ShouldBe(same);

    [Theory]
    [InlineData(@"^release-(?<version>\d+\.\d+)$", "release-1.2", "release-", "", 2)]
    [InlineData(@"^(?<version>\d{4}-\d{2}-\d{2})$", "2024-01-05", "", "", 3)]
    [InlineData(@"^(?<version>\d{8})$", "20240105", "", "", 1)]
    [InlineData(@"^(?<version>\d{4}\.\d{2}\.\d{2})-(alpine)$", "2024.01.05-alpine", "", "-alpine", 3)]
    [InlineData(@"^build-(?<version>v\d+)$", "build-v17", "build-v", "", 1)]
    public void A_version_pattern_reads_the_version_from_its_named_group(string pattern, string tag, string prefix, string variant, int components)
    {
        var policy = TagPolicy.Create(UpdateLevel.Major, versionPattern: pattern).Policy!;
        TagVersion.TryParse(tag, policy.VersionPattern!, out var version, out var reason).ShouldBeTrue(reason);
        version.Prefix.ShouldBe(prefix);
        version.Variant.ShouldBe(variant);
        version.Components.Count.ShouldBe(components);
    }

    [Fact]
    public void A_version_pattern_orders_padded_dates_numerically()
    {
        var pattern = TagPolicy.Create(UpdateLevel.Major, versionPattern: @"^(?<version>\d{4}-\d{2}-\d{2})$").Policy!.VersionPattern!;
        TagVersion.TryParse("2024-02-01", pattern, out var february, out _).ShouldBeTrue();
        TagVersion.TryParse("2024-10-01", pattern, out var october, out _).ShouldBeTrue();
        TagVersion.Compare(february, october).ShouldBeLessThan(0);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("release-")]
    [InlineData("release-x.y")]
    public void A_tag_the_version_pattern_does_not_read_is_not_a_version(string tag)
    {
        var pattern = TagPolicy.Create(UpdateLevel.Major, versionPattern: @"^release-(?<version>.*)$").Policy!.VersionPattern!;
        TagVersion.TryParse(tag, pattern, out _, out var reason).ShouldBeFalse();
        reason.ShouldNotBeNullOrEmpty();
    }

    private static TagVersion Parse(string tag)
    {
        TagVersion.TryParse(tag, out var version, out var reason).ShouldBeTrue(reason);
        return version;
    }
}
