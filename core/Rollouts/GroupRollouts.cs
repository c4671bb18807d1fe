using System.Collections.Concurrent;
using Dockward.Core.Policies;

namespace Dockward.Core.Rollouts;

/// <summary>
/// The rollouts one scan adds members to: one per group, opened on the first outdated member and sealed when the
/// scan is done, so every member the scan finds is in the plan before the conductor starts on it.
/// </summary>
internal sealed class GroupRollouts(RolloutPlanner planner, string trigger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> opened = new(StringComparer.Ordinal);

    /// <summary>The id of the group's rollout this scan fills; null when the group has a sealed one under way.</summary>
    public Task<string?> OpenAsync(string group, EffectivePolicy policy, CancellationToken cancellationToken) =>
        // Images are checked in parallel: one group's members must land in one rollout, opened once.
        opened.GetOrAdd(group, _ => new Lazy<Task<string?>>(async () =>
            (await planner.OpenAsync(group, policy, trigger, trigger, cancellationToken))?.Id)).Value;

    /// <summary>Seals every rollout this scan opened or joined (one that failed to open was recorded as its image's error).</summary>
    public async Task SealAsync(CancellationToken cancellationToken)
    {
        foreach (var open in opened.Values)
        {
            if (open.Value.IsCompletedSuccessfully && open.Value.Result is { } id)
            {
                await planner.SealAsync(id, cancellationToken);
            }
        }
    }
}
