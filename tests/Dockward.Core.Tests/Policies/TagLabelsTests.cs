using Dockward.Core.Detection.Tags;
using Dockward.Core.Policies;

namespace Dockward.Core.Tests.Policies;

[Trait("Area", "Detection")]
public sealed class TagLabelsTests
{
    [Fact]
    public void Without_a_tag_label_only_the_digest_is_watched()
    {
        var (policy, problem) = TagLabels.Read(Labels());

        policy.ShouldBeNull();
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData("digest")]
    [InlineData(" Digest ")]
    public void The_digest_level_watches_only_the_digest(string value)
    {
        var (policy, problem) = TagLabels.Read(Labels((PolicyLabels.Tag, value)));

        policy.ShouldBeNull();
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData("patch", "Patch")]
    [InlineData("Minor", "Minor")]
    [InlineData(" major ", "Major")]
    public void The_tag_label_sets_the_level(string value, string expected)
    {
        var level = Enum.Parse<UpdateLevel>(expected);
        var (policy, problem) = TagLabels.Read(Labels((PolicyLabels.Tag, value)));

        problem.ShouldBeNull();
        policy.ShouldNotBeNull().Level.ShouldBe(level);
        policy.AllowPrerelease.ShouldBeFalse();
    }

    [Fact]
    public void Patterns_and_prereleases_come_from_their_labels()
    {
        var (policy, problem) = TagLabels.Read(Labels(
            (PolicyLabels.Tag, "minor"),
            (PolicyLabels.TagInclude, "-alpine$"),
            (PolicyLabels.TagExclude, "rc"),
            (PolicyLabels.TagPrerelease, "true")));

        problem.ShouldBeNull();
        policy.ShouldNotBeNull();
        policy.AllowPrerelease.ShouldBeTrue();
        policy.Admits("1.3-alpine").ShouldBeTrue();
        policy.Admits("1.3").ShouldBeFalse();
        policy.Admits("1.3-rc1-alpine").ShouldBeFalse();
    }

    [Theory]
    [InlineData(PolicyLabels.Tag, "1")]
    [InlineData(PolicyLabels.Tag, "latest")]
    [InlineData(PolicyLabels.TagPrerelease, "yes")]
    [InlineData(PolicyLabels.TagInclude, "([unclosed")]
    [InlineData(PolicyLabels.TagPattern, "^v\\d+$")]
    public void A_label_that_cannot_be_read_watches_only_the_digest_and_names_the_problem(string label, string value)
    {
        var labels = new Dictionary<string, string> { [PolicyLabels.Tag] = "major" };
        labels[label] = value;

        var (policy, problem) = TagLabels.Read(labels);

        policy.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("only the digest is watched");
    }

    [Fact]
    public void The_resolved_policy_carries_the_tag_policy_and_its_problem()
    {
        var resolver = new PolicyResolver(
            Microsoft.Extensions.Options.Options.Create(new Dockward.Core.Detection.DetectionOptions()),
            Microsoft.Extensions.Options.Options.Create(new PolicyOptions()));

        resolver.Resolve(Labels((PolicyLabels.Tag, "minor"))).Tags.ShouldNotBeNull().Level.ShouldBe(UpdateLevel.Minor);
        resolver.Resolve(Labels((PolicyLabels.Tag, "sideways"))).Problem.ShouldNotBeNull().ShouldContain("sideways");
    }

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}
