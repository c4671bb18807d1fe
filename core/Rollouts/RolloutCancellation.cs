namespace Dockward.Core.Rollouts;

/// <summary>What came of asking to cancel a rollout, with the rollout as it is now (null when there is none).</summary>
internal sealed record RolloutCancellation(RolloutCancellationStatus Status, RolloutRecord? Rollout);
