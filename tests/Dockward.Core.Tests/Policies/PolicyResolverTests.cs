using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Policies;

[Trait("Area", "Detection")]
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
    }

    private static PolicyResolver Resolver(bool manageAll = false, UpdateMode defaultMode = UpdateMode.Auto) =>
        new(Options.Create(new DetectionOptions { ManageAllContainers = manageAll }), Options.Create(new PolicyOptions { DefaultMode = defaultMode }));

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}
