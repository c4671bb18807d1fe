using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>The job's <c>Strategy</c> (the control plane's policy) decides over the container's <c>dockward.update.order</c> label.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class UpdateStrategyTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("strat");
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
    public async Task A_job_asking_for_stop_first_is_followed_over_a_start_first_label()
    {
        await demo.CreateAsync(labels: Order(UpdateOrder.StartFirst), fixedHostPort: false);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));
        var steps = new RecordingStepReporter();

        var outcome = await UpdateAsync(newDigest, steps, UpdateOrder.StopFirst);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        Succeeded(steps).ShouldBe(["inspect", "pull", "stop", "rename", "create", "start", "gate", "cleanup"]);
    }

    [Fact]
    public async Task A_job_asking_for_start_first_is_followed_over_a_stop_first_label()
    {
        var oldId = await demo.CreateAsync(labels: Order(UpdateOrder.StopFirst), fixedHostPort: false);
        var startedAt = (await demo.InspectAsync()).State.StartedAt;
        var bad = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.ExitsAtOnce($"2.0-broken-{scope.Prefix}"));
        var steps = new RecordingStepReporter();

        var outcome = await UpdateAsync(bad, steps, UpdateOrder.StartFirst);

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        steps.Steps.ShouldNotContain(s => s.Step == "stop", "start-first gates the new container before the old one stops");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.StartedAt.ShouldBe(startedAt, "the old container never stopped");
    }

    [Fact]
    public async Task A_job_naming_an_unknown_strategy_is_refused_with_nothing_changed()
    {
        var oldId = await demo.CreateAsync(fixedHostPort: false);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        var outcome = await UpdateAsync(newDigest, new RecordingStepReporter(), "rolling");

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldBe("the job's strategy 'rolling' is none of stop-first, start-first, blue-green");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        (await demo.RunningRepoDigestsAsync()).ShouldNotContain($"{servers.Registry.Host}/{repository}@{newDigest}");
    }

    private static Dictionary<string, string> Order(string order) => new() { [UpdateOrder.Label] = order };

    private static List<string> Succeeded(RecordingStepReporter steps) =>
        steps.Steps.Where(s => s.Status == StepStatus.Succeeded).Select(s => s.Step).ToList();

    private Task<UpdateOutcome> UpdateAsync(string digest, IStepReporter steps, string strategy) =>
        Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, QuickGate, steps, strategy: strategy);
}
