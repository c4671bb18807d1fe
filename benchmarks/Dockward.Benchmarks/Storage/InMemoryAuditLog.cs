using Dockward.Core.Audit;

namespace Dockward.Benchmarks.Storage;

/// <summary>The audit log in memory: the registry credentials need one, a check writes nothing to it.</summary>
internal sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock gate = new();
    private readonly List<AuditEntry> entries = [];

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. entries
                .Where(e => (query.Actor is null || e.Actor == query.Actor)
                    && (query.Action is null || e.Action == query.Action
                        || (query.Action.EndsWith(".*", StringComparison.Ordinal) && e.Action.StartsWith(query.Action[..^1], StringComparison.Ordinal)))
                    && (query.Target is null || e.Target == query.Target)
                    && (query.From is null || e.At >= query.From)
                    && (query.To is null || e.At < query.To)
                    && (query.Result is null || e.Result == query.Result))
                .OrderByDescending(e => e.At)
                .Take(query.Limit)]);
        }
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(entries.RemoveAll(e => e.At < before));
        }
    }
}
