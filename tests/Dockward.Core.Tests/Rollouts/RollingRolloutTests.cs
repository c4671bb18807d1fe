using Dockward.Contracts;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Updates;
using Dockward.Testing;

namespace Dockward.Core.Tests.Rollouts;

[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class RollingRolloutTests(Servers servers) : IAsyncLifetime
{
    private static readonly PolicySettings Rolling = new() { Rollout = RolloutKind.Rolling };

    private readonly RolloutBench bench = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await bench.DisposeAsync();

    [Fact]
    public async Task A_rolling_update_releases_one_member_at_a_time_in_name_order_and_completes()
    {
        var rollout = await bench.StartAsync(Rolling, "web-3", "web-1", "web-2");
        (await bench.MemberStatesAsync(rollout.Id)).Values.ShouldAllBe(s => s == JobState.Held);
        (await bench.TakeAsync()).ShouldBeNull("held members are not handed to the agent");

        var taken = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await bench.Conductor().AdvanceAsync(CancellationToken.None);
            await bench.Conductor().AdvanceAsync(CancellationToken.None);
            var name = (await bench.TakeAsync()).ShouldNotBeNull();
            (await bench.TakeAsync()).ShouldBeNull("only one member is released at a time");
            await bench.Conductor().AdvanceAsync(CancellationToken.None);
            (await bench.TakeAsync()).ShouldBeNull("the next waits while one runs");
            taken.Add(name);
            await bench.FinishAsync(name, JobOutcome.Succeeded);
        }

        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        taken.ShouldBe(["web-1", "web-2", "web-3"]);
        var ended = await bench.RolloutAsync(rollout.Id);
        ended.State.ShouldBe(RolloutState.Completed);
        ended.Trigger.ShouldBe(Triggers.Manual);
        ended.RequestedBy.ShouldBe("user:alice");
        ended.Events.Select(e => e.Message).ShouldContain("released web-2");
        (await bench.MemberStatesAsync(rollout.Id)).Values.ShouldAllBe(s => s == JobState.Succeeded);
    }

    [Fact]
    public async Task A_rolled_back_member_halts_the_rollout_cancels_the_rest_and_leaves_earlier_updates_with_scope_failed()
    {
        var rollout = await bench.StartAsync(Rolling with { RollbackScope = RollbackScope.Failed }, "web-1", "web-2", "web-3");
        await RunAsync("web-1", JobOutcome.Succeeded);
        await RunAsync("web-2", JobOutcome.RolledBack, "gate: exited with code 3");

        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        var halted = await bench.RolloutAsync(rollout.Id);
        halted.State.ShouldBe(RolloutState.Halted);
        halted.Reason.ShouldBe("web-2 rolled_back: gate: exited with code 3");
        var states = await bench.MemberStatesAsync(rollout.Id);
        states["web-1"].ShouldBe(JobState.Succeeded);
        states["web-2"].ShouldBe(JobState.RolledBack);
        states["web-3"].ShouldBe(JobState.Cancelled);
        var cancelled = (await bench.Jobs.ListForContainerAsync(bench.Agent, "web-3", CancellationToken.None)).Single();
        cancelled.Reason.ShouldBe("rollout halted: web-2 rolled_back: gate: exited with code 3");
        cancelled.DecidedBy.ShouldBe($"rollout:{rollout.Id}");
        (await bench.RollbacksAsync(rollout.Id)).ShouldBeEmpty();
        (await bench.TakeAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task With_scope_group_a_failure_rolls_the_updated_members_back_to_the_digest_they_ran_before()
    {
        var rollout = await bench.StartAsync(Rolling with { RollbackScope = RollbackScope.Group }, "web-1", "web-2", "web-3");
        await RunAsync("web-1", JobOutcome.Succeeded);
        await RunAsync("web-2", JobOutcome.Failed, "pull: manifest unknown");

        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        var rollback = (await bench.RollbacksAsync(rollout.Id)).ShouldHaveSingleItem();
        rollback.ContainerName.ShouldBe("web-1");
        rollback.TargetDigest.ShouldBe(RolloutBench.Old);
        rollback.FromDigest.ShouldBe(RolloutBench.New);
        rollback.State.ShouldBe(JobState.Pending);
        (await bench.TakeAsync()).ShouldBe("web-1", "the agent is handed the rollback");
        var halted = await bench.RolloutAsync(rollout.Id);
        halted.State.ShouldBe(RolloutState.Halted);
        halted.Events.Select(e => e.Message).ShouldContain($"rolling back web-1 to {RolloutBench.Old} (group scope)");
        (await bench.MemberStatesAsync(rollout.Id))["web-3"].ShouldBe(JobState.Cancelled);
    }

    [Fact]
    public async Task Cancelling_a_rollout_cancels_the_members_not_started_and_lets_the_running_one_finish()
    {
        var rollout = await bench.StartAsync(Rolling, "web-1", "web-2", "web-3");
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        (await bench.TakeAsync()).ShouldBe("web-1");

        var cancel = await bench.Conductor().CancelAsync(rollout.Id, "user:bob", CancellationToken.None);
        await bench.FinishAsync("web-1", JobOutcome.Succeeded);
        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        cancel.Status.ShouldBe(RolloutCancellationStatus.Cancelled);
        cancel.Rollout!.State.ShouldBe(RolloutState.Cancelled);
        var states = await bench.MemberStatesAsync(rollout.Id);
        states["web-1"].ShouldBe(JobState.Succeeded);
        states["web-2"].ShouldBe(JobState.Cancelled);
        states["web-3"].ShouldBe(JobState.Cancelled);
        (await bench.TakeAsync()).ShouldBeNull();
        (await bench.Conductor().CancelAsync(rollout.Id, "user:bob", CancellationToken.None)).Status.ShouldBe(RolloutCancellationStatus.AlreadyEnded);
        (await bench.Conductor().CancelAsync("20260101000000000-00000000", "user:bob", CancellationToken.None)).Status.ShouldBe(RolloutCancellationStatus.NotFound);
    }

    [Fact]
    public async Task Cancelling_also_cancels_a_released_member_its_agent_has_not_taken_yet()
    {
        var rollout = await bench.StartAsync(Rolling, "web-1", "web-2");
        await bench.Conductor().AdvanceAsync(CancellationToken.None);

        await bench.Conductor().CancelAsync(rollout.Id, "user:bob", CancellationToken.None);

        (await bench.TakeAsync()).ShouldBeNull();
        (await bench.MemberStatesAsync(rollout.Id)).Values.ShouldAllBe(s => s == JobState.Cancelled);
        var cancelled = (await bench.RolloutAsync(rollout.Id));
        cancelled.Reason.ShouldBe("rollout cancelled by user:bob");
        cancelled.Events[^1].Message.ShouldBe("cancelled by user:bob: web-1, web-2 not started");
    }

    [Fact]
    public async Task Two_conductors_advancing_the_same_rollout_at_once_release_one_member()
    {
        var rollout = await bench.StartAsync(Rolling, "web-1", "web-2", "web-3");

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(bench.Conductor().AdvanceAsync(CancellationToken.None), bench.Conductor().AdvanceAsync(CancellationToken.None));
        }

        var states = await bench.MemberStatesAsync(rollout.Id);
        states.Values.Count(s => s == JobState.Pending).ShouldBe(1);
        states["web-1"].ShouldBe(JobState.Pending);
        (await bench.RolloutAsync(rollout.Id)).Events.Count(e => e.Message == "released web-1").ShouldBe(1);
    }

    [Fact]
    public async Task A_new_conductor_on_the_same_store_carries_the_rollout_on_after_a_restart()
    {
        var rollout = await bench.StartAsync(Rolling, "web-1", "web-2");
        var before = bench.Conductor();
        await before.AdvanceAsync(CancellationToken.None);
        await bench.TakeAsync();
        await bench.FinishAsync("web-1", JobOutcome.Succeeded);

        // The control plane restarts: nothing of the old conductor survives but the store.
        var after = bench.Conductor();
        await after.AdvanceAsync(CancellationToken.None);
        (await bench.TakeAsync()).ShouldBe("web-2");
        await bench.FinishAsync("web-2", JobOutcome.Succeeded);
        await after.AdvanceAsync(CancellationToken.None);

        (await bench.RolloutAsync(rollout.Id)).State.ShouldBe(RolloutState.Completed);
    }

    [Fact]
    public async Task Updating_a_group_needs_a_managed_container_an_update_and_no_running_rollout()
    {
        var planner = bench.Planner();
        (await planner.StartGroupAsync("no-such-group", "user:alice", CancellationToken.None)).Status.ShouldBe(GroupUpdateStatus.NoContainers);

        var rollout = await bench.StartAsync(new PolicySettings(), "web-1", "web-2");
        rollout.Kind.ShouldBe(RolloutKind.Rolling, "a group without a rollout kind is updated one at a time by hand");
        rollout.Sealed.ShouldBeTrue();
        var again = await planner.StartGroupAsync(bench.Group, "user:alice", CancellationToken.None);
        again.Status.ShouldBe(GroupUpdateStatus.AlreadyRunning);
        again.Rollout!.Id.ShouldBe(rollout.Id);

        await bench.Conductor().CancelAsync(rollout.Id, "user:alice", CancellationToken.None);
        await bench.Containers.ReplaceInventoryAsync(bench.Agent, [bench.Container("web-1") with { RepoDigests = ["127.0.0.1:5000/team/app@" + RolloutBench.New] }], CancellationToken.None);
        (await planner.StartGroupAsync(bench.Group, "user:alice", CancellationToken.None)).Status.ShouldBe(GroupUpdateStatus.NothingToUpdate);
    }

    /// <summary>Lets the conductor release the next member, which must be <paramref name="name"/>, and the agent end it.</summary>
    private async Task RunAsync(string name, JobOutcome outcome, string? reason = null)
    {
        await bench.Conductor().AdvanceAsync(CancellationToken.None);
        (await bench.TakeAsync()).ShouldBe(name);
        await bench.FinishAsync(name, outcome, reason);
    }
}
