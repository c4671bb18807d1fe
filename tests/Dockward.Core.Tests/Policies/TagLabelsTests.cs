using Dockward.Core.Detection.Tags;
using Dockward.Core.Policies;
using static Dockward.Core.Tests.Policies.Policies;

namespace Dockward.Core.Tests.Policies;

/// <summary>Which updates the tag labels ask for, once resolved.</summary>
[Trait("Area", "Policy")]
public sealed class TagLabelsTests
{
    [Fact]
    public void Without_a_tag_label_only_the_digest_is_watched()
    {
        var policy = Resolver().Resolve(Labels());

        policy.Track.ShouldBe(TagTrack.Digest);
        policy.Tags.ShouldBeNull();
        policy.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("digest")]
    [InlineData(" Digest ")]
    public void The_digest_level_watches_only_the_digest(string value)
    {
        var policy = Resolver().Resolve(Labels((PolicyLabels.Tag, value)));

        policy.Tags.ShouldBeNull();
        policy.Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("patch", "Patch")]
    [InlineData("Minor", "Minor")]
    [InlineData(" major ", "Major")]
    public void The_tag_label_sets_the_level(string value, string expected)
    {
        var level = Enum.Parse<UpdateLevel>(expected);
        var policy = Resolver().Resolve(Labels((PolicyLabels.Tag, value)));

        policy.Problems.ShouldBeEmpty();
        var tags = policy.Tags.ShouldNotBeNull();
        tags.Level.ShouldBe(level);
        tags.AllowPrerelease.ShouldBeFalse();
    }

    [Fact]
    public void Patterns_and_prereleases_come_from_their_labels()
    {
        var policy = Resolver().Resolve(Labels(
            (PolicyLabels.Tag, "minor"),
            (PolicyLabels.TagInclude, "-alpine$"),
            (PolicyLabels.TagExclude, "rc"),
            (PolicyLabels.TagPrerelease, "true")));

        policy.Problems.ShouldBeEmpty();
        var tags = policy.Tags.ShouldNotBeNull();
        tags.AllowPrerelease.ShouldBeTrue();
        tags.Admits("1.3-alpine").ShouldBeTrue();
        tags.Admits("1.3").ShouldBeFalse();
        tags.Admits("1.3-rc1-alpine").ShouldBeFalse();
        policy.Sources["tagInclude"].ShouldBe("label dockward.tag.include");
    }

    [Theory]
    [InlineData(PolicyLabels.Tag, "1")]
    [InlineData(PolicyLabels.Tag, "latest")]
    [InlineData(PolicyLabels.TagPrerelease, "yes")]
    [InlineData(PolicyLabels.TagInclude, "([unclosed")]
    [InlineData(PolicyLabels.TagPattern, "^v\\d+$")]
    [InlineData(PolicyLabels.Pin, "-not a tag")]
    public void A_label_that_cannot_be_read_watches_only_the_digest_and_names_the_problem(string label, string value)
    {
        var labels = Labels((PolicyLabels.Tag, "major"));
        labels[label] = value;

        var policy = Resolver().Resolve(labels);

        policy.Tags.ShouldBeNull();
        policy.Track.ShouldBe(TagTrack.Digest);
        policy.Problem.ShouldNotBeNull().ShouldContain("only the digest is watched");
    }

    [Fact]
    public void A_mistyped_level_names_the_value()
    {
        Resolver().Resolve(Labels((PolicyLabels.Tag, "sideways"))).Problem.ShouldNotBeNull().ShouldContain("sideways");
    }
}
