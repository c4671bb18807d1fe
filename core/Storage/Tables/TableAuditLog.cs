using System.Globalization;
using Azure.Data.Tables;
using Dockward.Core.Audit;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// The audit log in one partition, newest first by construction: the row key starts with the time inverted
/// (ticks left until <see cref="DateTimeOffset.MaxValue"/>, 19 digits), so the table's own order is newest first
/// and a time range is a row key range.
/// </summary>
internal sealed class TableAuditLog(TableStorage storage) : IAuditLog
{
    private const string Partition = "audit";
    private const int MaxLimit = 1000;

    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("audit", cancellationToken);
        await TableStorage.AddAsync(table, ToEntity(entry), cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("audit", cancellationToken);
        return await TableStorage.TakeAsync(table, Filter(query), Math.Clamp(query.Limit, 1, MaxLimit), Map, cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("audit", cancellationToken);
        return await TableStorage.DeleteWhereAsync(
            table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {OlderThan(before)}"), cancellationToken);
    }

    private static string Filter(AuditQuery query)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") };
        if (query.From is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {OlderThan(from)}"));
        }

        if (query.To is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey ge {OlderThan(to)}"));
        }

        if (query.Actor is { } actor)
        {
            parts.Add(TableClient.CreateQueryFilter($"Actor eq {actor}"));
        }

        if (query.Target is { } target)
        {
            parts.Add(TableClient.CreateQueryFilter($"Target eq {target}"));
        }

        if (query.Result is { } result)
        {
            parts.Add(TableClient.CreateQueryFilter($"Result eq {result.ToString()}"));
        }

        if (query.Action is { Length: > 2 } prefixed && prefixed.EndsWith(".*", StringComparison.Ordinal))
        {
            // "auth.*" is every action from "auth." up to, not including, "auth/" ('/' follows '.').
            var prefix = prefixed[..^1];
            var end = prefix[..^1] + (char)(prefix[^1] + 1);
            parts.Add(TableClient.CreateQueryFilter($"Action ge {prefix} and Action lt {end}"));
        }
        else if (query.Action is { } action)
        {
            parts.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>Row keys at or after this one belong to entries before <paramref name="at"/>: an entry's key starts with <c>Inverted(At)</c>.</summary>
    private static string OlderThan(DateTimeOffset at) => Digits(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks + 1);

    private static string RowKey(AuditEntry entry) =>
        Digits(DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks) + "_" + TableStorage.Key(entry.Id);

    private static string Digits(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(AuditEntry a) => new(Partition, RowKey(a))
    {
        ["Id"] = a.Id,
        ["At"] = a.At,
        ["Actor"] = a.Actor,
        ["Action"] = a.Action,
        ["Target"] = a.Target,
        ["Address"] = a.Address,
        ["Result"] = a.Result.ToString(),
        ["Detail"] = a.Detail,
    };

    private static AuditEntry Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        e.GetString("Actor") ?? "",
        e.GetString("Action") ?? "",
        e.GetString("Target"),
        e.GetString("Address"),
        Enum.TryParse<AuditResult>(e.GetString("Result"), out var result) ? result : AuditResult.Failure,
        e.GetString("Detail"));
}
