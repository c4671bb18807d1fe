using System.Globalization;
using Azure.Data.Tables;
using Dockward.Core.Events;
using Dockward.Core.Security;

namespace Dockward.Core.Storage.Tables;

/// <summary>One partition per UTC hour (<c>yyyyMMddHH</c>), the event id as row key: a read after an id touches only the hours since.</summary>
internal sealed class TableEventStore(TableStorage storage, TimeProvider clock) : IEventStore
{
    private const string Table = "events";

    public async Task AppendAsync(EventRecord record, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        await table.AddEntityAsync(new TableEntity(Hour(record.At), record.Id)
        {
            ["At"] = record.At,
            ["Type"] = record.Type,
            ["Visibility"] = (int)record.Visibility,
            ["AgentId"] = record.AgentId,
            ["Container"] = record.Container,
            ["Data"] = record.Data,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<EventRecord>> ReadAfterAsync(string? afterId, DateTimeOffset notBefore, int max, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        // An id (or a floor) older than the window, or none, or not ours, reads from the window's start.
        var (lowest, from) = EventIds.TimeOfKey(afterId) is { } after && after >= notBefore
            ? (afterId!, after)
            : (EventIds.Floor(notBefore), notBefore);
        var results = new List<EventRecord>();
        var end = clock.GetUtcNow().AddMinutes(5); // another instance's clock may run a little ahead
        for (var hour = Truncate(from); hour <= end && results.Count < max; hour = hour.AddHours(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Hour(hour)} and RowKey gt {lowest}");
            results.AddRange(await TableStorage.TakeAsync(table, filter, max - results.Count, Map, cancellationToken));
        }

        return results;
    }

    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        // Whole hours before the cutoff's, and the part of its hour before it (a retention of minutes is kept to the minute).
        var stale = await TableStorage.QueryAsync(
            table,
            TableClient.CreateQueryFilter($"PartitionKey lt {Hour(cutoff)} or (PartitionKey eq {Hour(cutoff)} and RowKey lt {EventIds.Floor(cutoff)})"),
            e => (e.PartitionKey, e.RowKey),
            cancellationToken);
        foreach (var partition in stale.GroupBy(k => k.PartitionKey))
        {
            foreach (var batch in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(
                    batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey))),
                    cancellationToken);
            }
        }

        return stale.Count;
    }

    private static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string Hour(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static EventRecord Map(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        e.GetString("Type") ?? "",
        (Role)(e.GetInt32("Visibility") ?? (int)Role.Admin),
        e.GetString("AgentId"),
        e.GetString("Container"),
        e.GetString("Data") ?? "{}");
}
