using System.Diagnostics;
using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Tests.Detection.Tags;

[Trait("Area", "Detection")]
public sealed class NewerTagFinderTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3,1.2.4,1.2.10,1.2.9", "1.2.10")]
    [InlineData("1.9", "1.9,1.10,1.8", "1.10")]
    [InlineData("v1.2.3", "v1.2.4,1.2.5,V1.2.6", "v1.2.4")]
    [InlineData("1.2.3", "v1.2.4,1.2.4", "1.2.4")]
    [InlineData("1.2", "1.3,1.3.0,1.4.0,2,1.3.0.1", "1.3")]
    [InlineData("1.2.3", "1.3,1.2.4,1.2.5.1", "1.2.4")]
    [InlineData("1.2.3.4", "1.2.3.5,1.2.4,1.2.3.10", "1.2.3.10")]
    [InlineData("5", "6,5.1,7.0,10", "10")]
    [InlineData("1.2-alpine", "1.3-alpine,1.4,2-alpine,1.5-alpine3.19,1.6-slim", "1.3-alpine")]
    [InlineData("1.25-alpine3.19", "1.26-alpine3.20,1.26-alpine3.19,1.27-alpine", "1.26-alpine3.19")]
    [InlineData("3.12.1-slim-bookworm", "3.12.2-slim-bookworm,3.12.3-slim,3.12.4-bookworm", "3.12.2-slim-bookworm")]
    [InlineData("1.2.3", "1.2.3+build.5,1.2.4+build.1", "1.2.4+build.1")]
    [InlineData("1.2.3", "1.2.4+b7,1.2.4,1.2.4+a1", "1.2.4")]
    public void Picks_the_highest_candidate_of_the_same_form(string current, string candidates, string expected)
    {
        var choice = NewerTagFinder.Find(current, candidates.Split(','), Policy(UpdateLevel.Major));

        choice.Tag.ShouldBe(expected, choice.Reason);
        choice.Reason.ShouldBe($"'{expected}' is the highest tag newer than '{current}' within a major update");
    }

    [Theory]
    [InlineData("1.2.3", "1.2.3+build.5,1.2.3,1.2.2,v1.2.4,1.2.4-alpine,1.2.4.0,1.3")]
    [InlineData("1.2-alpine", "1.3,2,1.3-slim,1.3.0-alpine")]
    [InlineData("v1.2.3", "1.2.4,1.3.0")]
    public void Reports_when_nothing_newer_has_the_same_form(string current, string candidates)
    {
        var choice = NewerTagFinder.Find(current, candidates.Split(','), Policy(UpdateLevel.Patch));

        choice.Tag.ShouldBeNull();
        choice.Reason.ShouldStartWith($"no tag newer than '{current}' of the same form (");
        choice.Reason.ShouldEndWith("within a patch update, releases only");
    }

    [Fact]
    public void The_reason_for_nothing_newer_names_the_form_it_looked_for() =>
        NewerTagFinder.Find("v1.2-alpine", ["v1.2-alpine"], Policy(UpdateLevel.Minor)).Reason
            .ShouldBe("no tag newer than 'v1.2-alpine' of the same form (prefix 'v', 2 components, suffix 'alpine') within a minor update, releases only");

    [Theory]
    [InlineData("Patch", "1.2.9")]
    [InlineData("Minor", "1.9.0")]
    [InlineData("Major", "3.0.0")]
    public void The_level_bounds_how_far_the_tag_may_move(string level, string expected) =>
        NewerTagFinder.Find("1.2.3", ["1.2.9", "1.9.0", "1.3.0", "2.5.1", "3.0.0", "1.2.1", "0.9.0"], Policy(Enum.Parse<UpdateLevel>(level))).Tag.ShouldBe(expected);

    [Theory]
    [InlineData("Patch", null)]
    [InlineData("Minor", "1.3")]
    [InlineData("Major", "2.0")]
    public void A_two_component_tag_has_no_patch_level_to_move_in(string level, string? expected) =>
        NewerTagFinder.Find("1.2", ["1.3", "2.0"], Policy(Enum.Parse<UpdateLevel>(level))).Tag.ShouldBe(expected);

    [Theory]
    [InlineData("1.2.3", false, "1.2.4,1.2.5-rc.1,1.3.0-beta2", "1.2.4")]
    [InlineData("1.2.3", true, "1.2.4,1.2.5-rc.1", "1.2.5-rc.1")]
    [InlineData("2.0.0-rc.1", false, "2.0.0-rc.2", "2.0.0-rc.2")]
    [InlineData("2.0.0-rc.1", false, "2.0.0-rc.2,2.0.0", "2.0.0")]
    [InlineData("2.0.0-rc.1", false, "2.0.0-rc.2,2.0.0,2.0.1-beta.1", "2.0.1-beta.1")]
    [InlineData("2.0.0-rc.1", false, "2.0.0-beta.9,2.0.0-alpha,1.9.9", null)]
    [InlineData("2.0.0-beta2", false, "2.0.0-beta10,2.0.0-beta9", "2.0.0-beta10")]
    [InlineData("2.0.0-rc.1-alpine", false, "2.0.0-alpine,2.0.0,2.0.0-rc.2-alpine", "2.0.0-alpine")]
    [InlineData("1.0.0", false, "1.0.1-SNAPSHOT,1.0.1-dev,1.0.1-nightly.20240101,1.0.1-canary.3,1.0.1-preview.1,1.0.1-pre,1.0.1-a1", null)]
    public void Pre_releases_are_candidates_only_from_a_pre_release_or_when_allowed(string current, bool allow, string candidates, string? expected)
    {
        var choice = NewerTagFinder.Find(current, candidates.Split(','), Policy(UpdateLevel.Major, allowPrerelease: allow));

        choice.Tag.ShouldBe(expected, choice.Reason);
    }

    [Theory]
    [InlineData(@"^1\.2\.", null, "1.2.9")]
    [InlineData(null, @"^1\.2\.9$", "1.2.8")]
    [InlineData(@"^1\.", @"\.9$", "1.2.8")]
    [InlineData("^nothing$", null, null)]
    [InlineData(@"\.9$", @"^1\.2\.9$", null)]
    public void Include_and_exclude_filter_the_candidates(string? include, string? exclude, string? expected)
    {
        var policy = Policy(UpdateLevel.Minor, include: include, exclude: exclude);

        NewerTagFinder.Find("1.2.3", ["1.2.8", "1.2.9", "2.0.0"], policy).Tag.ShouldBe(expected);
    }

    [Fact]
    public void Include_and_exclude_are_not_applied_to_the_current_tag() =>
        NewerTagFinder.Find("1.2.3", ["1.2.4"], Policy(UpdateLevel.Major, include: @"\.4$")).Tag.ShouldBe("1.2.4");

    [Theory]
    [InlineData("latest", "'latest' is not a version: only its digest is watched")]
    [InlineData("stable", "'stable' is not a version: only its digest is watched")]
    [InlineData("main", "'main' is not a version: only its digest is watched")]
    [InlineData("20240101", "'20240101' looks like a date, not a version: only its digest is watched")]
    [InlineData("2024-01-01", "'2024-01-01' looks like a date, not a version: only its digest is watched")]
    [InlineData("2024.01.01", "'2024.01.01' looks like a date, not a version: only its digest is watched")]
    [InlineData("a1b2c3d", "'a1b2c3d' looks like a commit hash, not a version: only its digest is watched")]
    [InlineData("01.2.3", "'01.2.3' is not a version: only its digest is watched")]
    [InlineData("", "an empty tag is not a version: only its digest is watched")]
    public void A_current_tag_that_is_not_a_version_gets_no_newer_tag_and_says_why(string current, string reason)
    {
        var choice = NewerTagFinder.Find(current, ["1.0.0", "20250101", "2025-01-01", "b2c3d4e", "latest"], Policy(UpdateLevel.Major));

        choice.ShouldBe(new TagChoice(null, reason));
    }

    [Theory]
    [InlineData("1.2.3", "20240101,2024-01-01,2024.01.01,abc1234,deadbeefcafe,latest,stable,main,01.2.4,1.02.4,1.2.04", null)]
    [InlineData("1", "20240101,2,abcdef1", "2")]
    public void Dates_hashes_names_and_leading_zeros_are_never_candidates(string current, string candidates, string? expected) =>
        NewerTagFinder.Find(current, candidates.Split(','), Policy(UpdateLevel.Major)).Tag.ShouldBe(expected);

    [Theory]
    [InlineData(@"^release-(?<version>\d+\.\d+)$", "release-1.2", "release-1.3,release-1.10,1.11,release-2.x,prerelease-1.12", "release-1.10")]
    [InlineData(@"^(?<version>\d{8})$", "20240101", "20231231,20240315,2024-06-01,latest", "20240315")]
    [InlineData(@"^(?<version>\d{4}-\d{2}-\d{2})$", "2024-01-01", "2024-02-01,2024-10-01,2024-09-30,20250101", "2024-10-01")]
    [InlineData(@"^(?<version>\d{4}\.\d{2}\.\d{2})-(?:alpine|slim)$", "2024.01.01-alpine", "2024.03.01-alpine,2024.04.01-slim,2024.05.01", "2024.03.01-alpine")]
    public void A_version_pattern_makes_otherwise_unversioned_tags_comparable(string pattern, string current, string candidates, string expected)
    {
        var choice = NewerTagFinder.Find(current, candidates.Split(','), Policy(UpdateLevel.Major, versionPattern: pattern));

        choice.Tag.ShouldBe(expected, choice.Reason);
    }

    [Fact]
    public void With_a_version_pattern_a_current_tag_it_does_not_read_is_not_a_version() =>
        NewerTagFinder.Find("1.2.3", ["release-1.3"], Policy(UpdateLevel.Major, versionPattern: @"^release-(?<version>.+)$"))
            .ShouldBe(new TagChoice(null, "'1.2.3' does not match the version pattern: only its digest is watched"));

    [Fact]
    public void A_version_pattern_still_applies_the_level() =>
        NewerTagFinder.Find("release-1.2", ["release-1.3", "release-2.0"], Policy(UpdateLevel.Minor, versionPattern: @"^release-(?<version>\d+\.\d+)$"))
            .Tag.ShouldBe("release-1.3");

    [Fact]
    public void Ten_thousand_tags_with_junk_give_the_right_one_quickly()
    {
        var random = new Random(42);
        var tags = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            tags.Add((i % 10) switch
            {
                0 => $"1.{random.Next(0, 30)}.{random.Next(0, 50)}-alpine",
                1 => $"1.{random.Next(0, 30)}.{random.Next(0, 50)}",
                2 => $"{random.Next(2, 9)}.{random.Next(0, 30)}.{random.Next(0, 50)}-alpine",
                3 => $"1.{random.Next(0, 99)}.{random.Next(0, 99)}-rc.{random.Next(1, 9)}-alpine",
                4 => $"{random.NextInt64():x}",
                5 => $"2024{random.Next(10, 12)}{random.Next(10, 28)}",
                6 => new string((char)random.Next(0, 0x3000), random.Next(0, 300)),
                7 => $"sha-{random.Next():x}",
                8 => $"1.{random.Next(0, 30)}-alpine",
                _ => $"v1.{random.Next(30, 99)}.0-alpine",
            });
        }

        tags.Insert(random.Next(tags.Count), "1.30.1-alpine");
        tags.Add("1.31.0-alpine-rc1");
        tags.Add("1.31.0-alpine3.19");
        tags.Add(null!);
        tags.Add("1." + new string('9', 40) + ".0-alpine");

        var policy = Policy(UpdateLevel.Minor, exclude: "(x+x+)+y");
        var watch = Stopwatch.StartNew();
        var choice = NewerTagFinder.Find("1.4.2-alpine", tags, policy);
        watch.Stop();

        choice.Tag.ShouldBe("1.30.1-alpine", choice.Reason);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_answer_does_not_depend_on_the_order_of_the_list()
    {
        string[] tags = ["1.2.4+b", "1.2.4", "1.2.4+a", "1.2.3"];

        NewerTagFinder.Find("1.2.3", tags, Policy(UpdateLevel.Major)).Tag.ShouldBe("1.2.4");
        NewerTagFinder.Find("1.2.3", tags.Reverse(), Policy(UpdateLevel.Major)).Tag.ShouldBe("1.2.4");
        NewerTagFinder.Find("1.2.3", ["1.2.4+b", "1.2.4+a"], Policy(UpdateLevel.Major)).Tag.ShouldBe("1.2.4+a");
        NewerTagFinder.Find("1.2.3", ["1.2.4+a", "1.2.4+b"], Policy(UpdateLevel.Major)).Tag.ShouldBe("1.2.4+a");
    }

    [Fact]
    public void An_empty_list_has_nothing_newer() =>
        NewerTagFinder.Find("1.2.3", [], Policy(UpdateLevel.Major)).Tag.ShouldBeNull();

    private static TagPolicy Policy(UpdateLevel level, bool allowPrerelease = false, string? include = null, string? exclude = null, string? versionPattern = null)
    {
        var result = TagPolicy.Create(level, allowPrerelease, include, exclude, versionPattern);
        result.IsValid.ShouldBeTrue(result.Error);
        return result.Policy;
    }
}
