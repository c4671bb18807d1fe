using System.Globalization;
using Azure.Data.Tables;
using Dockward.Contracts;
using Dockward.Core.Containers.Stats;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// Stats samples: one partition per UTC hour (<c>yyyyMMddHH</c>) so pruning drops whole hours, row key
/// <c>{agent}|{container}|{slot}</c> so one container's history is a range read in each hour it spans.
/// </summary>
internal sealed class TableStatsStore(TableStorage storage, TimeProvider clock) : IStatsStore
{
    private const string Table = "stats";

    public async Task WriteAsync(string agentId, IReadOnlyList<ContainerStats> samples, TimeSpan slot, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var entities = samples.Select(s => ToEntity(agentId, s, slot));
        // A transaction holds up to 100 operations of one partition; samples of one report share their hour.
        foreach (var hour in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var batch in hour.Chunk(100))
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<ContainerStats>> ListAsync(string agentId, string name, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var prefix = Prefix(agentId, name);
        var results = new List<ContainerStats>();
        for (var hour = Truncate(from); hour <= clock.GetUtcNow().AddHours(1); hour = hour.AddHours(1))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {Hour(hour)} and RowKey gt {prefix} and RowKey lt {prefix + "~"} and At ge {from}");
            results.AddRange(await TableStorage.QueryAsync(table, filter, Map, cancellationToken));
        }

        return [.. results.OrderBy(s => s.At)];
    }

    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        return await TableStorage.DeleteWhereAsync(table, TableClient.CreateQueryFilter($"PartitionKey lt {Hour(cutoff)}"), cancellationToken);
    }

    /// <summary>'|' is escaped inside the keys, so the prefix of one container never matches another's.</summary>
    private static string Prefix(string agentId, string name) => $"{TableStorage.Key(agentId)}|{TableStorage.Key(name)}|";

    private static TableEntity ToEntity(string agentId, ContainerStats s, TimeSpan slot)
    {
        var slotStart = new DateTimeOffset(s.At.UtcTicks / slot.Ticks * slot.Ticks, TimeSpan.Zero);
        return new TableEntity(Hour(slotStart), Prefix(agentId, s.ContainerName) + slotStart.UtcTicks.ToString("D19", CultureInfo.InvariantCulture))
        {
            ["Name"] = s.ContainerName,
            ["At"] = s.At,
            ["CpuPercent"] = s.CpuPercent,
            ["MemoryBytes"] = s.MemoryBytes,
            ["MemoryLimitBytes"] = s.MemoryLimitBytes,
            ["NetworkRxBytes"] = s.NetworkRxBytes,
            ["NetworkTxBytes"] = s.NetworkTxBytes,
            ["BlockReadBytes"] = s.BlockReadBytes,
            ["BlockWriteBytes"] = s.BlockWriteBytes,
        };
    }

    private static ContainerStats Map(TableEntity e) => new(
        e.GetString("Name") ?? "",
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        e.GetDouble("CpuPercent"),
        e.GetInt64("MemoryBytes") ?? 0,
        e.GetInt64("MemoryLimitBytes") ?? 0,
        e.GetInt64("NetworkRxBytes") ?? 0,
        e.GetInt64("NetworkTxBytes") ?? 0,
        e.GetInt64("BlockReadBytes") ?? 0,
        e.GetInt64("BlockWriteBytes") ?? 0);

    private static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string Hour(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
