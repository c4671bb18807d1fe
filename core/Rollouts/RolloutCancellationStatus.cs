namespace Dockward.Core.Rollouts;

/// <summary>What came of asking to cancel a rollout.</summary>
internal enum RolloutCancellationStatus
{
    Cancelled,
    NotFound,

    /// <summary>It had completed, halted or been cancelled before.</summary>
    AlreadyEnded,
}
