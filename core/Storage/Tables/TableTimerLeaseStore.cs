using Azure.Data.Tables;
using Dockward.Core.Scheduling;

namespace Dockward.Core.Storage.Tables;

/// <summary>Timer leases: one row per timer function, guarded by its ETag.</summary>
internal sealed class TableTimerLeaseStore(TableStorage storage) : ITimerLeaseStore
{
    private const string Partition = "timer";

    public async Task<TimerLeaseRecord?> GetAsync(string functionName, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("leases", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(functionName), cancellationToken);
        return entity is null
            ? null
            : new TimerLeaseRecord(
                functionName,
                entity.GetString("Owner") ?? "",
                entity.GetDateTimeOffset("LastTick") ?? DateTimeOffset.MinValue,
                entity.GetDateTimeOffset("LeaseUntil") ?? DateTimeOffset.MinValue,
                entity.ETag.ToString());
    }

    public async Task<TimerLeaseRecord?> TryAddAsync(TimerLeaseRecord lease, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("leases", cancellationToken);
        try
        {
            return lease with { Version = await TableStorage.AddAsync(table, ToEntity(lease), cancellationToken) };
        }
        catch (ConcurrencyConflictException)
        {
            return null; // another instance inserted it first
        }
    }

    public async Task<TimerLeaseRecord?> TryReplaceAsync(TimerLeaseRecord lease, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("leases", cancellationToken);
        try
        {
            return lease with { Version = await TableStorage.ReplaceAsync(table, ToEntity(lease), lease.Version, cancellationToken) };
        }
        catch (ConcurrencyConflictException)
        {
            return null; // another instance changed it first
        }
    }

    private static TableEntity ToEntity(TimerLeaseRecord l) => new(Partition, TableStorage.Key(l.Function))
    {
        ["Owner"] = l.Owner,
        ["LastTick"] = l.LastTick,
        ["LeaseUntil"] = l.LeaseUntil,
    };
}
