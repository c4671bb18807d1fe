using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Tests.Detection.Tags;

[Trait("Area", "Detection")]
public sealed class TagPolicyTests
{
    [Theory]
    [InlineData("Include", "[unclosed", null, null)]
    [InlineData("Exclude", null, "(?<broken", null)]
    [InlineData("Version pattern", null, null, "*oops")]
    public void An_invalid_pattern_gives_an_error_naming_the_setting_instead_of_throwing(string setting, string? include, string? exclude, string? versionPattern)
    {
        var result = TagPolicy.Create(UpdateLevel.Minor, include: include, exclude: exclude, versionPattern: versionPattern);

        result.IsValid.ShouldBeFalse();
        result.Policy.ShouldBeNull();
        result.Error.ShouldStartWith($"{setting} pattern '");
        result.Error.ShouldContain("is not a valid regular expression");
    }

    [Fact]
    public void A_version_pattern_without_a_version_group_is_refused()
    {
        var result = TagPolicy.Create(UpdateLevel.Minor, versionPattern: @"^release-(\d+)$");

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldContain("no named group 'version'");
    }

    [Fact]
    public void A_pattern_longer_than_a_thousand_characters_is_refused() =>
        TagPolicy.Create(UpdateLevel.Minor, include: new string('a', 1001)).Error.ShouldBe("Include pattern is longer than 1000 characters");

    [Fact]
    public void An_undefined_level_is_refused() =>
        TagPolicy.Create((UpdateLevel)7).IsValid.ShouldBeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_patterns_mean_not_set(string? pattern)
    {
        var result = TagPolicy.Create(UpdateLevel.Patch, allowPrerelease: true, include: pattern, exclude: pattern, versionPattern: pattern);

        result.IsValid.ShouldBeTrue();
        result.Policy.Level.ShouldBe(UpdateLevel.Patch);
        result.Policy.AllowPrerelease.ShouldBeTrue();
        result.Policy.Include.ShouldBeNull();
        result.Policy.Exclude.ShouldBeNull();
        result.Policy.VersionPattern.ShouldBeNull();
    }

    [Fact]
    public void Every_pattern_has_a_hundred_millisecond_match_timeout()
    {
        var policy = TagPolicy.Create(UpdateLevel.Major, include: "a", exclude: "b", versionPattern: "(?<version>c)").Policy!;

        policy.Include!.MatchTimeout.ShouldBe(TimeSpan.FromMilliseconds(100));
        policy.Exclude!.MatchTimeout.ShouldBe(TimeSpan.FromMilliseconds(100));
        policy.VersionPattern!.MatchTimeout.ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_pattern_that_would_backtrack_catastrophically_gets_its_true_answer()
    {
        // On a backtracking engine ^(a+)+$ against 40 a's and a '!' runs for minutes; the non-backtracking engine answers.
        var longTag = new string('a', 40) + "!";

        TagPolicy.Create(UpdateLevel.Major, include: "^(a+)+$").Policy!.Admits(longTag).ShouldBeFalse();
        TagPolicy.Create(UpdateLevel.Major, exclude: "^(a+)+$").Policy!.Admits(longTag).ShouldBeTrue();
        TagPolicy.Create(UpdateLevel.Major, exclude: "^(a+)+$").Policy!.Admits(new string('a', 40)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("^(?=1)")]
    [InlineData(@"(a)\1")]
    public void A_pattern_the_non_backtracking_engine_cannot_run_is_refused_with_its_setting_named(string pattern)
    {
        var result = TagPolicy.Create(UpdateLevel.Major, include: pattern);

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldStartWith("Include pattern");
    }
}
