using Dockward.Core.Policies;
using static Dockward.Core.Tests.Policies.Policies;

namespace Dockward.Core.Tests.Policies;

/// <summary>Layers, from weakest to strongest: defaults, global, group, container, labels (unless a locked layer sets the same thing).</summary>
[Trait("Area", "Policy")]
public sealed class PolicyResolverTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData("", false)]
    public void The_enable_label_decides_whether_a_container_is_managed(string value, bool managed)
    {
        Resolver(manageAll: false).Resolve(Labels((PolicyLabels.Enable, value))).Managed.ShouldBe(managed);
        Resolver(manageAll: true).Resolve(Labels((PolicyLabels.Enable, value))).Managed.ShouldBe(managed, "an explicit label wins over ManageAllContainers");
    }

    [Fact]
    public void Without_the_enable_label_the_global_setting_decides()
    {
        Resolver(manageAll: false).Resolve(Labels()).Managed.ShouldBeFalse();
        Resolver(manageAll: true).Resolve(Labels()).Managed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("auto", "Auto")]
    [InlineData("monitor", "Monitor")]
    [InlineData(" Monitor-Only ", "Monitor")]
    [InlineData("manual", "Manual")]
    public void The_update_label_sets_the_mode(string value, string expected)
    {
        var mode = Enum.Parse<UpdateMode>(expected);
        Resolver(defaultMode: mode == UpdateMode.Auto ? UpdateMode.Monitor : UpdateMode.Auto)
            .Resolve(Labels((PolicyLabels.Enable, "true"), (PolicyLabels.Mode, value)))
            .Mode.ShouldBe(mode);
    }

    [Fact]
    public void A_missing_update_label_falls_back_to_the_default_mode()
    {
        var labels = Labels((PolicyLabels.Enable, "true"));

        Resolver(defaultMode: UpdateMode.Monitor).Resolve(labels).Mode.ShouldBe(UpdateMode.Monitor);
        Resolver(defaultMode: UpdateMode.Auto).Resolve(labels).Mode.ShouldBe(UpdateMode.Auto);
    }

    [Fact]
    public void A_mistyped_update_label_is_read_as_monitor_and_says_so()
    {
        var policy = Resolver(defaultMode: UpdateMode.Auto).Resolve(Labels((PolicyLabels.Enable, "true"), (PolicyLabels.Mode, "atuo")));

        policy.Mode.ShouldBe(UpdateMode.Monitor);
        policy.Problem.ShouldNotBeNull().ShouldContain("atuo");
        policy.Sources["mode"].ShouldBe("label dockward.update");
    }

    [Fact]
    public void Each_setting_comes_from_the_strongest_layer_that_gives_it_and_says_which()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Mode, "manual"), (PolicyLabels.Group, "web")),
            Global(new PolicySettings { Mode = UpdateMode.Monitor, MinimumAge = TimeSpan.FromDays(1), CanaryPercent = 10 }),
            Group("web", new PolicySettings { MinimumAge = TimeSpan.FromDays(2), Strategy = UpdateStrategy.StartFirst }),
            Container(new PolicySettings { Strategy = UpdateStrategy.BlueGreen }));

        policy.Mode.ShouldBe(UpdateMode.Manual);
        policy.Sources["mode"].ShouldBe("label dockward.update");
        policy.MinimumAge.ShouldBe(TimeSpan.FromDays(2));
        policy.Sources["minimumAge"].ShouldBe("group web");
        policy.Strategy.ShouldBe(UpdateStrategy.BlueGreen);
        policy.Sources["strategy"].ShouldBe("container");
        policy.CanaryPercent.ShouldBe(10);
        policy.Sources["canaryPercent"].ShouldBe("global");
        policy.Rollout.ShouldBe(RolloutKind.None);
        policy.Sources["rollout"].ShouldBe("default");
        policy.Group.ShouldBe("web");
    }

    [Fact]
    public void A_group_policy_applies_to_the_containers_of_its_compose_project()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabelReader.ComposeProject, "shop")),
            Group("shop", new PolicySettings { Mode = UpdateMode.Monitor }),
            Group("other", new PolicySettings { Mode = UpdateMode.Manual }));

        policy.Group.ShouldBe("shop");
        policy.Mode.ShouldBe(UpdateMode.Monitor);
        policy.Sources["mode"].ShouldBe("group shop");
    }

    [Fact]
    public void The_group_label_beats_the_compose_project()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabelReader.ComposeProject, "shop"), (PolicyLabels.Group, "payments")),
            Group("payments", new PolicySettings { Mode = UpdateMode.Manual }));

        policy.Group.ShouldBe("payments");
        policy.Mode.ShouldBe(UpdateMode.Manual);
    }

    [Fact]
    public void A_locked_group_policy_beats_a_label_and_says_the_label_was_ignored()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Mode, "auto"), (PolicyLabels.Group, "web")),
            Group("web", new PolicySettings { Mode = UpdateMode.Manual }, locked: true));

        policy.Mode.ShouldBe(UpdateMode.Manual);
        policy.Sources["mode"].ShouldBe("group web");
        policy.Problem.ShouldNotBeNull().ShouldContain("label dockward.update ignored");
    }

    [Fact]
    public void A_locked_policy_leaves_labels_for_settings_it_does_not_give()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Mode, "auto"), (PolicyLabels.UpdateOrder, "start-first")),
            Global(new PolicySettings { Mode = UpdateMode.Manual }, locked: true));

        policy.Mode.ShouldBe(UpdateMode.Manual);
        policy.Strategy.ShouldBe(UpdateStrategy.StartFirst);
        policy.Sources["strategy"].ShouldBe("label dockward.update.order");
    }

    [Fact]
    public void An_unlocked_policy_gives_way_to_a_label()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Mode, "auto")),
            Container(new PolicySettings { Mode = UpdateMode.Manual }));

        policy.Mode.ShouldBe(UpdateMode.Auto);
        policy.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Mode_scheduled_with_a_window_from_a_lower_layer_is_scheduled()
    {
        var policy = Resolver().Resolve(
            Labels((PolicyLabels.Mode, "scheduled")),
            Global(new PolicySettings { Windows = [Window("0 2 * * * for 2h")] }));

        policy.Mode.ShouldBe(UpdateMode.Scheduled);
        policy.Windows.ShouldHaveSingleItem().Cron.ShouldBe("0 2 * * *");
        policy.Sources["windows"].ShouldBe("global");
    }

    [Fact]
    public void Mode_scheduled_without_any_window_is_only_monitored_and_says_so()
    {
        var policy = Resolver().Resolve(Labels((PolicyLabels.Mode, "scheduled")));

        policy.Mode.ShouldBe(UpdateMode.Monitor);
        policy.Problem.ShouldNotBeNull().ShouldContain("no maintenance window");
    }
}
