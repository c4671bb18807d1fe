using Dockward.Core.Rollouts;

namespace Dockward.Functions.Rollouts;

/// <summary>A rollout with its jobs: the members in rollout order, then the rollbacks it added.</summary>
internal sealed record RolloutView(RolloutRecord Rollout, IReadOnlyList<RolloutJobView> Jobs)
{
    public static RolloutView Of(RolloutRecord rollout, RolloutJobs jobs) => new(
        rollout,
        [.. jobs.Members.Select(j => RolloutJobView.Of(j, "member")), .. jobs.Rollbacks.Select(j => RolloutJobView.Of(j, "rollback"))]);
}
