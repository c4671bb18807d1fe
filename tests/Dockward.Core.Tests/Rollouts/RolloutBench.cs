using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Core.Tests.Updates;
using Dockward.Core.Updates;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Rollouts;

/// <summary>
/// One test's control plane for rollouts on the real Azurite: the stores, a planner, conductors (each with its own
/// store client, as separate instances would have) and an agent driven by hand through the dispatcher.
/// </summary>
internal sealed class RolloutBench(Servers servers) : IAsyncDisposable
{
    public const string Old = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string New = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    public const string Image = "127.0.0.1:5000/team/app:latest";

    private readonly TableBackend backend = new(servers);

    public string Agent { get; } = Servers.UniqueName("agent");

    public string Group { get; } = Servers.UniqueName("group");

    public ManualClock Clock { get; } = new();

    public TableUpdateJobStore Jobs => new(backend.Connect());

    public TableRolloutStore Rollouts => new(backend.Connect());

    public TableContainerStore Containers => new(backend.Connect());

    public JobDispatcher Dispatcher => UpdateRequests.Dispatcher(Jobs, Containers, new TablePolicyStore(backend.Connect()), clock: Clock);

    /// <summary>A conductor as one control-plane instance has it; each call is a new instance over the same store.</summary>
    public RolloutConductor Conductor()
    {
        var jobs = Jobs;
        var containers = Containers;
        return new RolloutConductor(
            Rollouts, jobs, containers, new RolloutMembers(jobs, containers), new RolloutHalt(jobs, Clock, NullLogger<RolloutHalt>.Instance), Clock,
            NullLogger<RolloutConductor>.Instance);
    }

    public RolloutPlanner Planner()
    {
        var storage = backend.Connect();
        return new RolloutPlanner(
            new TableRolloutStore(storage), new TableUpdateJobStore(storage), new TableContainerStore(storage), new TableImageCheckStore(storage),
            new TablePolicyStore(storage),
            UpdateRequests.Resolver(),
            Clock, NullLogger<RolloutPlanner>.Instance);
    }

    /// <summary>
    /// The group's containers on the agent, all on <see cref="Old"/>, a check that found <see cref="New"/>, and the group's
    /// policy; then "update the group now".
    /// </summary>
    public async Task<RolloutRecord> StartAsync(PolicySettings groupPolicy, params string[] names)
    {
        await Containers.ReplaceInventoryAsync(Agent, [.. names.Select(n => Container(n))], CancellationToken.None);
        await new TableImageCheckStore(backend.Connect()).SaveAsync(
            new ImageCheckRecord(ImageReference.Parse(Image).ToString(), New, CheckStatus.UpdateAvailable, null, Clock.GetUtcNow()), CancellationToken.None);
        await new TablePolicyStore(backend.Connect()).SaveAsync(
            new PolicyRecord(PolicyScope.Group, Group, groupPolicy, Locked: false, "user:test", Clock.GetUtcNow()), CancellationToken.None);
        var started = await Planner().StartGroupAsync(Group, "user:alice", CancellationToken.None);
        started.Status.ShouldBe(GroupUpdateStatus.Started, started.Detail);
        return started.Rollout!;
    }

    /// <summary>A managed container of the group as its agent reports it.</summary>
    public ContainerRecord Container(string name, string state = "running", string? health = null) => new(
        Agent, name, Guid.NewGuid().ToString("N"), Image, "sha256:" + new string('9', 64), ["127.0.0.1:5000/team/app@" + Old], state, health,
        new Dictionary<string, string> { ["dockward.enable"] = "true", ["dockward.group"] = Group },
        Clock.GetUtcNow(), Clock.GetUtcNow());

    /// <summary>The agent takes its next job, as its poll would; null when nothing is pending.</summary>
    public async Task<string?> TakeAsync() =>
        (await Dispatcher.NextAsync(Agent, TimeSpan.Zero, CancellationToken.None))?.ContainerName;

    /// <summary>The agent reports the running job of <paramref name="name"/> ended.</summary>
    public async Task FinishAsync(string name, JobOutcome outcome, string? reason = null)
    {
        var job = (await Jobs.ListForContainerAsync(Agent, name, CancellationToken.None)).Single(j => j.State == JobState.Running);
        (await Dispatcher.CompleteAsync(Agent, job.Id, new JobResultReport(outcome, outcome == JobOutcome.Succeeded ? null : "gate", reason, null), CancellationToken.None))
            .ShouldBeTrue();
    }

    public async Task<RolloutRecord> RolloutAsync(string id) => (await Rollouts.GetAsync(id, CancellationToken.None))!;

    /// <summary>Each member's state by container name.</summary>
    public async Task<Dictionary<string, JobState>> MemberStatesAsync(string rolloutId) =>
        (await Jobs.ListAsync(new JobFilter(RolloutId: rolloutId), CancellationToken.None))
            .Where(j => j.Trigger != RolloutMembers.RollbackTrigger)
            .ToDictionary(j => j.ContainerName, j => j.State);

    public async Task<IReadOnlyList<UpdateJob>> RollbacksAsync(string rolloutId) =>
        [.. (await Jobs.ListAsync(new JobFilter(RolloutId: rolloutId), CancellationToken.None)).Where(j => j.Trigger == RolloutMembers.RollbackTrigger).OrderBy(j => j.ContainerName)];

    public ValueTask DisposeAsync() => backend.DisposeAsync();
}
