using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>Label <c>dockward.update.order=start-first</c>: the new container proves itself beside the old one before the old one stops.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class StartFirstTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);
    private static readonly Dictionary<string, string> StartFirst = new() { [UpdateOrder.Label] = UpdateOrder.StartFirst };

    private readonly DockerScope scope = new("sf");
    private DemoContainer demo = null!;
    private string repository = null!;
    private string firstDigest = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        firstDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"1.0-{scope.Prefix}"));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task The_new_container_passes_its_gate_beside_the_old_one_before_the_old_one_stops()
    {
        var oldId = await demo.CreateAsync(labels: StartFirst, fixedHostPort: false);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));
        var steps = new RecordingStepReporter();

        var outcome = await UpdateAsync(newDigest, steps);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        steps.Steps.Where(s => s.Status == StepStatus.Succeeded).Select(s => s.Step)
            .ShouldBe(["inspect", "pull", "create", "start", "gate", "stop", "rename", "cleanup"]);
        var updated = await demo.InspectAsync();
        updated.ID.ShouldNotBe(oldId);
        updated.State.Running.ShouldBeTrue();
        updated.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain("web");
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{repository}@{newDigest}");
        (await ContainerNamesAsync()).ShouldBe([demo.Name], "the old one is removed and the new one holds the name");
    }

    [Fact]
    public async Task A_new_container_that_fails_its_gate_is_removed_and_the_old_one_never_stopped()
    {
        var oldId = await demo.CreateAsync(labels: StartFirst, fixedHostPort: false);
        var startedAt = (await demo.InspectAsync()).State.StartedAt;
        var bad = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.ExitsAtOnce($"2.0-broken-{scope.Prefix}"));

        var outcome = await UpdateAsync(bad);

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack);
        outcome.FailedStep.ShouldBe("gate");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        container.State.StartedAt.ShouldBe(startedAt, "the old container kept running throughout");
        (await ContainerNamesAsync()).ShouldBe([demo.Name]);
    }

    [Fact]
    public async Task Start_first_is_refused_with_the_reason_when_the_container_holds_a_fixed_host_port()
    {
        var oldId = await demo.CreateAsync(labels: StartFirst);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        var outcome = await UpdateAsync(newDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldNotBeNull().ShouldContain($"fixed host port {demo.HostPort}");
        await ShouldBeUntouchedAsync(oldId);
    }

    [Fact]
    public async Task An_order_label_that_is_neither_order_refuses_the_update_untouched()
    {
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string> { [UpdateOrder.Label] = "sideways" }, fixedHostPort: false);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        var outcome = await UpdateAsync(newDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.Reason.ShouldNotBeNull().ShouldContain("'sideways' is neither stop-first nor start-first");
        await ShouldBeUntouchedAsync(oldId);
    }

    private Task<UpdateOutcome> UpdateAsync(string digest, IStepReporter? steps = null) =>
        Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, QuickGate, steps);

    private async Task ShouldBeUntouchedAsync(string oldId)
    {
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{repository}@{firstDigest}");
        (await ContainerNamesAsync()).ShouldBe([demo.Name]);
    }

    private async Task<List<string>> ContainerNamesAsync()
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(demo.Name, StringComparison.Ordinal)).ToList();
    }
}
