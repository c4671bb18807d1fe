using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// Blue-green: the new container is gated beside the old one without the old one's network aliases, so clients
/// reaching the container by its alias reach the old one alone until the new one passed and the aliases move.
/// Seen from a third container on the network, as a client sees it.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class BlueGreenTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);
    private const string Alias = "web";

    private readonly DockerScope scope = new("bg");
    private DemoContainer demo = null!;
    private string repository = null!;
    private string oldVersion = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        oldVersion = $"1.0-{scope.Prefix}";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy(oldVersion));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task The_alias_reaches_only_the_old_container_during_the_gate_and_only_the_new_one_after_the_switch()
    {
        var oldId = await demo.CreateAsync(fixedHostPort: false);
        var oldAddress = await AddressAsync(oldId);
        var probe = await StartProbeAsync();
        var newVersion = $"2.0-{scope.Prefix}";
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy(newVersion));
        ClientView? duringGate = null;
        var steps = new LookAtStep("gate", async () => duringGate = await LookAsync(probe, oldId));

        var outcome = await UpdateAsync(newDigest, steps, UpdateOrder.BlueGreen);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        duringGate.ShouldNotBeNull();
        duringGate.NewContainerAliases.ShouldNotContain(Alias, "the new container is gated without the alias");
        duringGate.Resolved.ShouldBe([oldAddress], "during the gate the alias names the old container alone");
        duringGate.Page.ShouldBe(oldVersion);
        steps.Recorded.Steps.Where(s => s.Status == StepStatus.Succeeded).Select(s => s.Step)
            .ShouldBe(["inspect", "pull", "create", "start", "gate", "switch", "stop", "rename", "cleanup"]);
        var updated = await demo.InspectAsync();
        updated.ID.ShouldNotBe(oldId);
        updated.State.Running.ShouldBeTrue();
        updated.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain(Alias);
        (await probe.ResolveAsync(Alias)).ShouldBe([updated.NetworkSettings.Networks[demo.Network].IPAddress]);
        (await probe.GetAsync($"http://{Alias}:8080/")).ShouldBe(newVersion);
        (await ContainerNamesAsync()).ShouldBe([demo.Name], "the old one is removed and the new one holds the name");
    }

    [Fact]
    public async Task A_new_container_that_never_turns_healthy_is_removed_and_the_old_one_kept_its_alias_and_served_throughout()
    {
        // Asked for by the label here (the job names no strategy).
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string> { [UpdateOrder.Label] = UpdateOrder.BlueGreen }, fixedHostPort: false);
        var oldAddress = await AddressAsync(oldId);
        var startedAt = (await demo.InspectAsync()).State.StartedAt;
        var probe = await StartProbeAsync();
        var bad = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.NeverHealthy($"2.0-broken-{scope.Prefix}"));
        ClientView? duringGate = null;
        var steps = new LookAtStep("gate", async () => duringGate = await LookAsync(probe, oldId));

        var outcome = await UpdateAsync(bad, steps);

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        outcome.FailedStep.ShouldBe("gate");
        duringGate.ShouldNotBeNull().Page.ShouldBe(oldVersion);
        steps.Recorded.Steps.ShouldNotContain(s => s.Step == "switch");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        container.State.StartedAt.ShouldBe(startedAt, "the old container kept running throughout");
        container.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain(Alias);
        (await probe.ResolveAsync(Alias)).ShouldBe([oldAddress]);
        (await probe.GetAsync($"http://{Alias}:8080/")).ShouldBe(oldVersion);
        (await ContainerNamesAsync()).ShouldBe([demo.Name], "the new container is removed");
    }

    [Fact]
    public async Task Blue_green_is_refused_with_nothing_changed_when_the_container_holds_a_fixed_host_port()
    {
        var oldId = await demo.CreateAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        var outcome = await UpdateAsync(newDigest, new RecordingStepReporter(), UpdateOrder.BlueGreen);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldNotBeNull().ShouldContain("blue-green");
        outcome.Reason.ShouldContain($"fixed host port {demo.HostPort}");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        (await demo.GetPageAsync()).ShouldBe(oldVersion);
        (await ContainerNamesAsync()).ShouldBe([demo.Name]);
    }

    [Theory]
    [InlineData(StepStatus.Started)]
    [InlineData(StepStatus.Succeeded)]
    public async Task An_agent_killed_at_the_switch_is_recovered_by_removing_the_new_container_while_the_old_one_keeps_its_alias(StepStatus killedAfter)
    {
        var oldId = await demo.CreateAsync(fixedHostPort: false);
        var oldAddress = await AddressAsync(oldId);
        var probe = await StartProbeAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));
        var options = new AgentOptions();
        var killed = new DiesAtStep("switch", killedAfter);

        // The update stops dead once the switch's line is on disk, as a SIGKILL leaves it: it never goes on.
        _ = Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, killed, options, strategy: UpdateOrder.BlueGreen);
        await killed.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        var pending = Updaters.Journal(options).Pending().ShouldHaveSingleItem();
        var outcome = await Updaters.Recovery(scope.Docker, options).ResumeAsync(pending, new RecordingStepReporter(), CancellationToken.None);

        outcome.Outcome.ShouldBe(JobOutcome.Interrupted, outcome.Reason);
        outcome.FailedStep.ShouldBe("switch");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        container.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain(Alias);
        (await probe.ResolveAsync(Alias)).ShouldBe([oldAddress], "the new container took its alias with it");
        (await probe.GetAsync($"http://{Alias}:8080/")).ShouldBe(oldVersion);
        (await ContainerNamesAsync()).ShouldBe([demo.Name]);
    }

    private Task<UpdateOutcome> UpdateAsync(string digest, IStepReporter steps, string? strategy = null) =>
        Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, QuickGate, steps, strategy: strategy);

    private Task<NetworkProbe> StartProbeAsync() => NetworkProbe.StartAsync(scope.Docker, scope.Prefix + "probe", demo.Image, demo.Network);

    private async Task<string> AddressAsync(string containerId) =>
        (await scope.Docker.Containers.InspectContainerAsync(containerId)).NetworkSettings.Networks[demo.Network].IPAddress;

    /// <summary>What a client sees while the update is under way: the new container's aliases, where the alias leads, and what it serves.</summary>
    private async Task<ClientView> LookAsync(NetworkProbe probe, string oldId)
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        var incoming = all.Single(c => c.ID != oldId && c.Names.Any(n => n.TrimStart('/').StartsWith(demo.Name, StringComparison.Ordinal)));
        var inspected = await scope.Docker.Containers.InspectContainerAsync(incoming.ID);
        return new ClientView(
            inspected.NetworkSettings.Networks[demo.Network].Aliases ?? [],
            await probe.ResolveAsync(Alias),
            await probe.GetAsync($"http://{Alias}:8080/"));
    }

    private async Task<List<string>> ContainerNamesAsync()
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(demo.Name, StringComparison.Ordinal)).ToList();
    }

    private sealed record ClientView(IList<string> NewContainerAliases, IReadOnlyList<string> Resolved, string Page);

    /// <summary>Takes a look when a step starts, before the update goes on (the update waits for its reports).</summary>
    private sealed class LookAtStep(string step, Func<Task> look) : IStepReporter
    {
        public RecordingStepReporter Recorded { get; } = new();

        public async Task ReportAsync(JobStepReport report, CancellationToken cancellationToken)
        {
            await Recorded.ReportAsync(report, cancellationToken);
            if (report.Step == step && report.Status == StepStatus.Started)
            {
                await look();
            }
        }
    }
}
