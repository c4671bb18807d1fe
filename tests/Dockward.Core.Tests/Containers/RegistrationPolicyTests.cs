using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Containers;

[Trait("Area", "Api")]
public sealed class RegistrationPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unregistered_container_is_not_managed_even_when_its_label_and_a_locked_policy_say_it_is()
    {
        var book = new PolicyBook([new PolicyRecord(PolicyScope.Global, "", new PolicySettings { Enabled = true }, true, "admin", Now)]);
        var container = Container(("dockward.enable", "true")) with { Registered = false };

        var policy = Resolver(manageAll: true).Resolve(container, book);

        policy.Managed.ShouldBeFalse();
        policy.Sources["enabled"].ShouldBe("management");
    }

    [Fact]
    public void A_registered_container_is_managed_even_when_its_label_says_no()
    {
        var container = Container(("dockward.enable", "false")) with { Registered = true };

        var policy = Resolver(manageAll: false).Resolve(container, PolicyBook.Empty);

        policy.Managed.ShouldBeTrue();
        policy.Sources["enabled"].ShouldBe("management");
    }

    [Fact]
    public void Without_a_registration_the_label_decides_as_before()
    {
        var policy = Resolver(manageAll: false).Resolve(Container(("dockward.enable", "true")), PolicyBook.Empty);

        policy.Managed.ShouldBeTrue();
        policy.Sources["enabled"].ShouldBe("label dockward.enable");
    }

    private static PolicyResolver Resolver(bool manageAll) =>
        new(Options.Create(new DetectionOptions { ManageAllContainers = manageAll }), Options.Create(new PolicyOptions()));

    private static ContainerRecord Container(params (string Key, string Value)[] labels) =>
        new("agent-1", "web", "web-id", "registry.example/web:1", "sha256:" + new string('f', 64), [], "running", null,
            labels.ToDictionary(l => l.Key, l => l.Value), Now, Now);
}
