using Dockward.Core.Policies;
using Dockward.Core.Storage;

namespace Dockward.Benchmarks.Storage;

/// <summary>Policies in memory, with the real stores' version checks. The benchmark sets none: every container runs on the defaults.</summary>
internal sealed class InMemoryPolicyStore : IPolicyStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(PolicyScope, string), PolicyRecord> records = [];
    private long versions;

    public Task<PolicyRecord?> GetAsync(PolicyScope scope, string key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(records.GetValueOrDefault((scope, key)));
        }
    }

    public Task<IReadOnlyList<PolicyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<PolicyRecord>>([.. records.Values]);
        }
    }

    public Task<PolicyRecord> SaveAsync(PolicyRecord record, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var stored = records.GetValueOrDefault((record.Scope, record.Key));
            if (stored?.Version != record.Version)
            {
                throw new ConcurrencyConflictException($"the {record.Scope} policy '{record.Key}' changed since it was read");
            }

            return Task.FromResult(records[(record.Scope, record.Key)] = record with { Version = (++versions).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }

    public Task<bool> DeleteAsync(PolicyScope scope, string key, string? version, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (records.GetValueOrDefault((scope, key)) is not { } stored)
            {
                return Task.FromResult(false);
            }

            if (version is not null && stored.Version != version)
            {
                throw new ConcurrencyConflictException($"the {scope} policy '{key}' changed since it was read");
            }

            return Task.FromResult(records.Remove((scope, key)));
        }
    }
}
