using System.Globalization;
using Dockward.Core.Rollouts;
using Dockward.Core.Storage;

namespace Dockward.Benchmarks.Storage;

/// <summary>Rollouts in memory, with the real stores' version checks and one running rollout per group. The benchmark's containers are in no group.</summary>
internal sealed class InMemoryRolloutStore : IRolloutStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, RolloutRecord> rollouts = new(StringComparer.Ordinal);
    private long versions;

    public Task<RolloutRecord> AddAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (rollouts.ContainsKey(rollout.Id) || rollouts.Values.Any(r => r.Group == rollout.Group && r.State == RolloutState.Running))
            {
                throw new ConcurrencyConflictException($"group {rollout.Group} already has a running rollout");
            }

            return Task.FromResult(rollouts[rollout.Id] = rollout with { Version = NextVersion() });
        }
    }

    public Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rollouts.GetValueOrDefault(rolloutId));
        }
    }

    public Task<IReadOnlyList<RolloutRecord>> ListAsync(RolloutState? state, string? group, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RolloutRecord>>(
                [.. rollouts.Values.Where(r => (state is null || r.State == state) && (group is null || r.Group == group))]);
        }
    }

    public Task<RolloutRecord> UpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!rollouts.TryGetValue(rollout.Id, out var stored) || stored.Version != rollout.Version)
            {
                throw new ConcurrencyConflictException($"rollout {rollout.Id} changed since it was read");
            }

            return Task.FromResult(rollouts[rollout.Id] = rollout with { Version = NextVersion() });
        }
    }

    private string NextVersion() => (++versions).ToString(CultureInfo.InvariantCulture);
}
