using Dockward.Core.Policies;
using static Dockward.Core.Tests.Policies.Policies;

namespace Dockward.Core.Tests.Policies;

/// <summary>Every <c>dockward.*</c> label, read and misread: a label that cannot be read never lets more happen.</summary>
[Trait("Area", "Policy")]
public sealed class DockwardLabelsTests
{
    [Fact]
    public void Every_label_gives_its_setting_and_is_named_as_its_source()
    {
        var read = PolicyLabelReader.Read(Labels(
            (PolicyLabels.Enable, "true"),
            (PolicyLabels.Mode, "scheduled"),
            (PolicyLabels.Windows, "0 2 * * 1-5 for 2h in Asia/Shanghai; 30 23 * * 6 for 90m"),
            (PolicyLabels.ApprovalExpiry, "3d"),
            (PolicyLabels.Tag, "minor"),
            (PolicyLabels.TagInclude, "-alpine$"),
            (PolicyLabels.TagExclude, "rc"),
            (PolicyLabels.TagPattern, "^(?<version>\\d+)$"),
            (PolicyLabels.TagPrerelease, "false"),
            (PolicyLabels.Skip, "1.4.2, sha256:" + new string('a', 64)),
            (PolicyLabels.Pin, "1.4"),
            (PolicyLabels.MinimumAge, "2d"),
            (PolicyLabels.Interval, "15m"),
            (PolicyLabels.UpdateOrder, "blue-green"),
            (PolicyLabels.Rollout, "canary"),
            (PolicyLabels.CanaryCount, "2"),
            (PolicyLabels.CanaryPercent, "25"),
            (PolicyLabels.CanaryWindow, "10m"),
            (PolicyLabels.Rollback, "group"),
            (PolicyLabels.MonitorWindow, "45s"),
            (PolicyLabels.HealthTimeout, "2m"),
            (PolicyLabels.Group, "shop")));

        read.Problems.ShouldBeEmpty();
        var s = read.Settings;
        s.Enabled.ShouldBe(true);
        s.Mode.ShouldBe(UpdateMode.Scheduled);
        s.Windows.ShouldNotBeNull().Select(w => w.ToString()).ShouldBe(["0 2 * * 1-5 for 2h in Asia/Shanghai", "30 23 * * 6 for 1h30m in UTC"]);
        s.ApprovalExpiry.ShouldBe(TimeSpan.FromDays(3));
        s.Track.ShouldBe(TagTrack.Minor);
        s.TagInclude.ShouldBe("-alpine$");
        s.TagExclude.ShouldBe("rc");
        s.TagPattern.ShouldBe("^(?<version>\\d+)$");
        s.Prerelease.ShouldBe(false);
        s.Skip.ShouldBe(["1.4.2", "sha256:" + new string('a', 64)]);
        s.Pin.ShouldBe("1.4");
        s.MinimumAge.ShouldBe(TimeSpan.FromDays(2));
        s.CheckInterval.ShouldBe(TimeSpan.FromMinutes(15));
        s.Strategy.ShouldBe(UpdateStrategy.BlueGreen);
        s.Rollout.ShouldBe(RolloutKind.Canary);
        s.CanaryCount.ShouldBe(2);
        s.CanaryPercent.ShouldBe(25);
        s.CanaryWindow.ShouldBe(TimeSpan.FromMinutes(10));
        s.RollbackScope.ShouldBe(RollbackScope.Group);
        s.MonitorWindow.ShouldBe(TimeSpan.FromSeconds(45));
        s.HealthTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        read.Group.ShouldBe("shop");
        read.LabelOf["minimumAge"].ShouldBe("dockward.min-age");
        read.LabelOf["checkInterval"].ShouldBe("dockward.interval");
        read.LabelOf["strategy"].ShouldBe("dockward.update.order");
        read.LabelOf["rollbackScope"].ShouldBe("dockward.rollback");
        read.LabelOf.Count.ShouldBe(21);
    }

    [Fact]
    public void Without_labels_nothing_is_said()
    {
        var read = PolicyLabelReader.Read(Labels());

        read.Settings.IsEmpty.ShouldBeTrue();
        read.Problems.ShouldBeEmpty();
        read.Group.ShouldBeNull();
    }

    [Fact]
    public void A_bad_window_is_left_out_with_a_problem_and_the_good_ones_kept()
    {
        var read = PolicyLabelReader.Read(Labels((PolicyLabels.Windows, "0 2 * * * for 2h; 0 25 * * * for 1h; 0 3 * * * for 1h in Mars/Olympus")));

        read.Settings.Windows.ShouldNotBeNull().ShouldHaveSingleItem().Cron.ShouldBe("0 2 * * *");
        read.Problems.Count.ShouldBe(2);
        read.Problems.ShouldContain(p => p.Contains("0 25 * * *") && p.Contains("ignored"));
        read.Problems.ShouldContain(p => p.Contains("Mars/Olympus"));
    }

    [Fact]
    public void Mode_scheduled_whose_only_window_cannot_be_read_is_monitored_even_when_a_group_has_windows()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Mode, "scheduled"), (PolicyLabels.Windows, "every night"), (PolicyLabels.Group, "web")),
            Group("web", new PolicySettings { Windows = [Window("0 * * * * for 1h")] }));

        policy.Mode.ShouldBe(UpdateMode.Monitor);
        policy.Problems.ShouldContain(p => p.Contains("every night"));
        policy.Problems.ShouldContain(p => p.Contains("treated as monitor"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1d")]
    [InlineData("400d")]
    public void A_minimum_age_that_cannot_be_read_holds_the_container(string value)
    {
        var policy = Resolver(defaultMode: UpdateMode.Auto).Resolve(Labels((PolicyLabels.MinimumAge, value), (PolicyLabels.Mode, "auto")));

        policy.Mode.ShouldBe(UpdateMode.Monitor);
        policy.Sources["mode"].ShouldBe("label dockward.min-age");
        policy.Problem.ShouldNotBeNull().ShouldContain(PolicyLabels.MinimumAge);
    }

    [Theory]
    [InlineData(PolicyLabels.Interval, "30s", "checkInterval", "between 1m and 1d")]
    [InlineData(PolicyLabels.Interval, "2d", "checkInterval", "1d")]
    [InlineData(PolicyLabels.ApprovalExpiry, "never", "approvalExpiry", "not a duration")]
    [InlineData(PolicyLabels.CanaryWindow, "5", "canaryWindow", "not a duration")]
    [InlineData(PolicyLabels.MonitorWindow, "2h", "monitorWindow", "1h")]
    [InlineData(PolicyLabels.HealthTimeout, "0s", "healthTimeout", "1s")]
    [InlineData(PolicyLabels.CanaryCount, "many", "canaryCount", "whole number")]
    [InlineData(PolicyLabels.CanaryPercent, "150", "canaryPercent", "100")]
    [InlineData(PolicyLabels.UpdateOrder, "sideways", "strategy", "stop-first")]
    [InlineData(PolicyLabels.Rollback, "all", "rollbackScope", "failed or group")]
    public void A_setting_label_that_cannot_be_read_is_ignored_with_a_problem_naming_it(string label, string value, string setting, string explains)
    {
        var read = PolicyLabelReader.Read(Labels((label, value)));

        read.LabelOf.ContainsKey(setting).ShouldBeFalse();
        read.Problems.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.ShouldContain($"{label}='{value}'"),
            p => p.ShouldContain(explains),
            p => p.ShouldContain("inherited"));
    }

    [Fact]
    public void An_interval_label_is_ignored_below_one_minute_so_the_inherited_interval_applies()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Interval, "10s")),
            Global(new PolicySettings { CheckInterval = TimeSpan.FromHours(1) }));

        policy.CheckInterval.ShouldBe(TimeSpan.FromHours(1));
        policy.Sources["checkInterval"].ShouldBe("global");
    }

    [Fact]
    public void A_mistyped_rollout_is_read_as_rolling()
    {
        var read = PolicyLabelReader.Read(Labels((PolicyLabels.Rollout, "all-at-once")));

        read.Settings.Rollout.ShouldBe(RolloutKind.Rolling);
        read.Problems.ShouldHaveSingleItem().ShouldContain("treated as rolling");
    }

    [Fact]
    public void Skip_entries_that_are_neither_tags_nor_digests_are_left_out_and_the_rest_kept()
    {
        var read = PolicyLabelReader.Read(Labels((PolicyLabels.Skip, "1.4.2,,bad tag,sha256:xyz,2.0")));

        read.Settings.Skip.ShouldBe(["1.4.2", "2.0"]);
        read.Problems.Count.ShouldBe(2);
    }

    [Fact]
    public void The_resolved_policy_skips_what_the_label_lists()
    {
        var policy = Resolver().Resolve(Labels((PolicyLabels.Skip, "1.4.2")));

        policy.Skips("1.4.2").ShouldBeTrue();
        policy.Skips("1.4.3").ShouldBeFalse();
    }
}
