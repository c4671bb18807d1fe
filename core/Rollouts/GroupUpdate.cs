namespace Dockward.Core.Rollouts;

/// <summary>What came of "update a group now": the rollout it started (or the one in the way), and why.</summary>
internal sealed record GroupUpdate(GroupUpdateStatus Status, RolloutRecord? Rollout, string Detail);
