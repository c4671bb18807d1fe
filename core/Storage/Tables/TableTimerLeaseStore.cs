using Azure;
using Azure.Data.Tables;
using Dockward.Core.Scheduling;

namespace Dockward.Core.Storage.Tables;

/// <summary>Timer leases: one row per timer function, guarded by its ETag.</summary>
public sealed class TableTimerLeaseStore(TableStorage storage) : ITimerLeaseStore
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
            var response = await table.AddEntityAsync(ToEntity(lease), cancellationToken);
            return lease with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<TimerLeaseRecord?> TryReplaceAsync(TimerLeaseRecord lease, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("leases", cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(lease), new ETag(lease.Version!), TableUpdateMode.Replace, cancellationToken);
            return lease with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(TimerLeaseRecord l) => new(Partition, TableStorage.Key(l.Function))
    {
        ["Owner"] = l.Owner,
        ["LastTick"] = l.LastTick,
        ["LeaseUntil"] = l.LeaseUntil,
    };
}
