namespace Dockward.Core.Rollouts;

/// <summary>Group rollouts; at most one running rollout per group.</summary>
internal interface IRolloutStore
{
    /// <summary>
    /// Stores a new rollout; <see cref="Storage.ConcurrencyConflictException"/> when the id exists, or when it is
    /// running and its group already has a running rollout (checked atomically).
    /// </summary>
    Task<RolloutRecord> AddAsync(RolloutRecord rollout, CancellationToken cancellationToken);

    Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken);

    /// <summary>Rollouts in <paramref name="state"/> (any when null) of <paramref name="group"/> (any when null), in no particular order.</summary>
    Task<IReadOnlyList<RolloutRecord>> ListAsync(RolloutState? state, string? group, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a rollout read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.
    /// A rollout that stops running frees its group in the same write.
    /// </summary>
    Task<RolloutRecord> UpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken);
}
