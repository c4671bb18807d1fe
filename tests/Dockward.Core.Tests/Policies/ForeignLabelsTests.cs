using Dockward.Core.Policies;
using Dockward.Core.Policies.Labels;
using static Dockward.Core.Tests.Policies.Policies;

namespace Dockward.Core.Tests.Policies;

/// <summary>Watchtower's and What's Up Docker's labels are understood; Dockward's own win where both speak.</summary>
[Trait("Area", "Policy")]
public sealed class ForeignLabelsTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Watchtowers_enable_label_decides_whether_a_container_is_managed(string value, bool managed)
    {
        var policy = Resolver(manageAll: !managed).Resolve(Labels((WatchtowerLabels.Enable, value)));

        policy.Managed.ShouldBe(managed);
        policy.Sources["enabled"].ShouldBe("label com.centurylinklabs.watchtower.enable");
    }

    [Fact]
    public void Watchtowers_monitor_only_label_means_mode_monitor()
    {
        var policy = Resolver(defaultMode: UpdateMode.Auto).Resolve(Labels((WatchtowerLabels.MonitorOnly, "true")));

        policy.Mode.ShouldBe(UpdateMode.Monitor);
        policy.Sources["mode"].ShouldBe("label com.centurylinklabs.watchtower.monitor-only");
    }

    [Fact]
    public void Watchtowers_monitor_only_false_leaves_the_mode_to_the_policy()
    {
        var read = PolicyLabelReader.Read(Labels((WatchtowerLabels.MonitorOnly, "false")));

        read.Settings.Mode.ShouldBeNull();
        read.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_monitor_only_label_that_cannot_be_read_holds_the_container()
    {
        var read = PolicyLabelReader.Read(Labels((WatchtowerLabels.MonitorOnly, "maybe")));

        read.Settings.Mode.ShouldBe(UpdateMode.Monitor);
        read.Problems.ShouldHaveSingleItem().ShouldContain("maybe");
    }

    [Fact]
    public void Watchtowers_depends_on_lists_container_names()
    {
        WatchtowerLabels.DependenciesOf(Labels((WatchtowerLabels.DependsOn, "db, /cache,,db"))).ShouldBe(["db", "cache"]);
        WatchtowerLabels.DependenciesOf(Labels()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Wuds_watch_label_decides_whether_a_container_is_managed(string value, bool managed)
    {
        var policy = Resolver(manageAll: !managed).Resolve(Labels((WudLabels.Watch, value)));

        policy.Managed.ShouldBe(managed);
        policy.Sources["enabled"].ShouldBe("label wud.watch");
    }

    [Fact]
    public void Wuds_tag_filters_watch_newer_semver_tags_up_to_major()
    {
        var policy = Resolver().Resolve(Labels((WudLabels.TagInclude, @"^\d+\.\d+\.\d+$"), (WudLabels.TagExclude, "beta")));

        policy.Track.ShouldBe(TagTrack.Major);
        var tags = policy.Tags.ShouldNotBeNull();
        tags.Admits("2.0.1").ShouldBeTrue();
        tags.Admits("2.0").ShouldBeFalse();
        policy.Sources["track"].ShouldBe("label wud.tag.include");
        policy.Sources["tagExclude"].ShouldBe("label wud.tag.exclude");
    }

    [Fact]
    public void Wuds_exclude_alone_also_tracks_major()
    {
        var read = PolicyLabelReader.Read(Labels((WudLabels.TagExclude, "rc")));

        read.Settings.Track.ShouldBe(TagTrack.Major);
        read.LabelOf["track"].ShouldBe(WudLabels.TagExclude);
    }

    [Fact]
    public void Wuds_digest_label_watches_the_digest()
    {
        var read = PolicyLabelReader.Read(Labels((WudLabels.WatchDigest, "true")));

        read.Settings.Track.ShouldBe(TagTrack.Digest);
        read.LabelOf["track"].ShouldBe(WudLabels.WatchDigest);
    }

    [Fact]
    public void A_dockward_label_beats_a_foreign_one_for_the_same_setting()
    {
        var read = PolicyLabelReader.Read(Labels(
            (PolicyLabels.Enable, "false"), (WatchtowerLabels.Enable, "true"), (WudLabels.Watch, "true"),
            (PolicyLabels.Mode, "manual"), (WatchtowerLabels.MonitorOnly, "true"),
            (PolicyLabels.Tag, "patch"), (WudLabels.TagInclude, "^1\\."),
            (PolicyLabels.TagInclude, "-alpine$")));

        read.Settings.Enabled.ShouldBe(false);
        read.LabelOf["enabled"].ShouldBe(PolicyLabels.Enable);
        read.Settings.Mode.ShouldBe(UpdateMode.Manual);
        read.Settings.Track.ShouldBe(TagTrack.Patch);
        read.Settings.TagInclude.ShouldBe("-alpine$");
        read.LabelOf["tagInclude"].ShouldBe(PolicyLabels.TagInclude);
    }

    [Fact]
    public void Watchtower_beats_wud_where_both_speak()
    {
        var read = PolicyLabelReader.Read(Labels((WatchtowerLabels.Enable, "false"), (WudLabels.Watch, "true")));

        read.Settings.Enabled.ShouldBe(false);
        read.LabelOf["enabled"].ShouldBe(WatchtowerLabels.Enable);
    }

    [Fact]
    public void A_foreign_enable_label_that_cannot_be_read_does_not_manage_the_container()
    {
        var policy = Resolver(manageAll: true).Resolve(Labels((WudLabels.Watch, "sometimes")));

        policy.Managed.ShouldBeFalse();
        policy.Problem.ShouldNotBeNull().ShouldContain("wud.watch='sometimes'");
    }
}
