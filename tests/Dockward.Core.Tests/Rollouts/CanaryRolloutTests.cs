using Dockward.Contracts;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Updates;
using Dockward.Testing;

namespace Dockward.Core.Tests.Rollouts;

[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class CanaryRolloutTests(Servers servers) : IAsyncLifetime
{
    private static readonly PolicySettings Canary = new() { Rollout = RolloutKind.Canary, CanaryCount = 1, CanaryWindow = TimeSpan.FromMinutes(10) };

    private readonly RolloutBench bench = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await bench.DisposeAsync();

    [Fact]
    public async Task The_canary_goes_first_and_the_rest_follow_only_once_the_window_has_passed()
    {
        var rollout = await bench.StartAsync(Canary, "web-1", "web-2", "web-3");
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        (await bench.TakeAsync()).ShouldBe("web-1");
        (await bench.TakeAsync()).ShouldBeNull("only the canary is released");
        await bench.FinishAsync("web-1", JobOutcome.Succeeded);

        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        bench.Clock.Now += TimeSpan.FromMinutes(9);
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        (await bench.TakeAsync()).ShouldBeNull("the window has not passed");
        (await bench.RolloutAsync(rollout.Id)).Phase.ShouldBe(RolloutPhase.Verifying);

        bench.Clock.Now += TimeSpan.FromMinutes(1);
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        var released = await bench.MemberStatesAsync(rollout.Id);
        released["web-2"].ShouldBe(JobState.Pending, "the rest is released at once");
        released["web-3"].ShouldBe(JobState.Pending);
        // The dispatcher paces them: one update at a time on this host.
        foreach (var _ in new[] { 2, 3 })
        {
            var name = (await bench.TakeAsync()).ShouldNotBeNull();
            await bench.FinishAsync(name, JobOutcome.Succeeded);
        }

        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        var ended = await bench.RolloutAsync(rollout.Id);
        ended.State.ShouldBe(RolloutState.Completed);
        ended.Phase.ShouldBe(RolloutPhase.Rest);
        ended.Events.Select(e => e.Message).ShouldContain("canary web-1 verified");
    }

    [Fact]
    public async Task A_canary_that_turns_unhealthy_while_verified_is_rolled_back_and_the_rest_cancelled()
    {
        var rollout = await bench.StartAsync(Canary with { RollbackScope = RollbackScope.Failed }, "web-1", "web-2", "web-3");
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        await bench.TakeAsync();
        await bench.FinishAsync("web-1", JobOutcome.Succeeded);
        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        bench.Clock.Now += TimeSpan.FromMinutes(2);
        await bench.Containers.ReplaceInventoryAsync(
            bench.Agent, [bench.Container("web-1", health: "unhealthy"), bench.Container("web-2"), bench.Container("web-3")], CancellationToken.None);
        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        var halted = await bench.RolloutAsync(rollout.Id);
        halted.State.ShouldBe(RolloutState.Halted);
        halted.Reason.ShouldBe("canary web-1 is unhealthy during verification");
        var rollback = (await bench.RollbacksAsync(rollout.Id)).ShouldHaveSingleItem("canaries are rolled back whatever the rollback scope");
        rollback.ContainerName.ShouldBe("web-1");
        rollback.TargetDigest.ShouldBe(RolloutBench.Old);
        var states = await bench.MemberStatesAsync(rollout.Id);
        states["web-2"].ShouldBe(JobState.Cancelled);
        states["web-3"].ShouldBe(JobState.Cancelled);
        (await bench.TakeAsync()).ShouldBe("web-1");
        (await bench.TakeAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task A_canary_whose_update_fails_halts_the_rollout_before_the_rest_start()
    {
        var rollout = await bench.StartAsync(Canary, "web-1", "web-2");
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        await bench.TakeAsync();
        await bench.FinishAsync("web-1", JobOutcome.RolledBack, "gate: never healthy");

        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        var halted = await bench.RolloutAsync(rollout.Id);
        halted.State.ShouldBe(RolloutState.Halted);
        halted.Reason.ShouldBe("canary web-1 rolled_back: gate: never healthy");
        (await bench.MemberStatesAsync(rollout.Id))["web-2"].ShouldBe(JobState.Cancelled);
        (await bench.RollbacksAsync(rollout.Id)).ShouldBeEmpty("the canary rolled itself back");
    }
}
