using Azure.Data.Tables;
using Dockward.Contracts;
using Dockward.Core.Commands;

namespace Dockward.Core.Storage.Tables;

/// <summary>Agent commands: one partition per agent (its poll reads only its own), the time-sorted command id as row key.</summary>
internal sealed class TableAgentCommandStore(TableStorage storage) : IAgentCommandStore
{
    private const string Table = "commands";

    /// <summary>Bytes of a result's JSON per binary property (at most 64 KiB each).</summary>
    private const int PartBytes = 60_000;

    /// <summary>Parts of one result: about 900 KB, within an entity's 1 MiB with the command's other properties.</summary>
    private const int MaxResultParts = 15;

    public async Task<CommandRecord> AddAsync(CommandRecord command, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        return command with { Version = await TableStorage.AddAsync(table, ToEntity(command), cancellationToken) };
    }

    public async Task<CommandRecord?> GetAsync(string agentId, string commandId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var entity = await TableStorage.FindAsync(table, TableStorage.Key(agentId), TableStorage.Key(commandId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<CommandRecord>> ListPendingAsync(string agentId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableStorage.Key(agentId)} and State eq {nameof(CommandState.Pending)}");
        // Rows come back in row-key order, and the ids sort by creation time.
        return await TableStorage.QueryAsync(table, filter, Map, cancellationToken);
    }

    public async Task<CommandRecord> UpdateAsync(CommandRecord command, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        return command with { Version = await TableStorage.ReplaceAsync(table, ToEntity(command), command.Version, cancellationToken) };
    }

    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        return await TableStorage.DeleteWhereAsync(table, TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"), cancellationToken);
    }

    private static TableEntity ToEntity(CommandRecord c)
    {
        var entity = new TableEntity(TableStorage.Key(c.AgentId), TableStorage.Key(c.Id))
        {
        ["AgentId"] = c.AgentId,
        ["Id"] = c.Id,
        ["ContainerName"] = c.ContainerName,
        ["Kind"] = c.Kind,
        ["Logs"] = c.Logs is null ? null : TableStorage.ToJson(c.Logs),
        ["State"] = c.State.ToString(),
        ["CreatedAt"] = c.CreatedAt,
        ["ExpiresAt"] = c.ExpiresAt,
        ["ClaimedAt"] = c.ClaimedAt,
        };
        WriteResult(entity, c.Result);
        return entity;
    }

    /// <summary>
    /// A logs answer can be large (5,000 lines), and a property holds at most 64 KiB: the result's JSON is stored as
    /// UTF-8 split over binary properties. An entity holds at most 1 MiB, so a result larger than
    /// <see cref="MaxResultParts"/> parts keeps its newest lines only (the caller still gets an answer).
    /// </summary>
    private static void WriteResult(TableEntity entity, CommandResult? result)
    {
        if (result is null)
        {
            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(TableStorage.ToJson(result));
        while (bytes.Length > PartBytes * MaxResultParts && result.Lines is { Count: > 0 } lines)
        {
            result = result with { Lines = [.. lines.Skip(Math.Max(1, lines.Count / 4))] };
            bytes = System.Text.Encoding.UTF8.GetBytes(TableStorage.ToJson(result));
        }

        var parts = bytes.Chunk(PartBytes).ToList();
        entity["ResultParts"] = parts.Count;
        for (var i = 0; i < parts.Count; i++)
        {
            entity[$"Result{i}"] = parts[i];
        }
    }

    private static CommandResult? ReadResult(TableEntity entity)
    {
        var count = entity.GetInt32("ResultParts") ?? 0;
        if (count == 0)
        {
            return null;
        }

        var bytes = Enumerable.Range(0, count).SelectMany(i => entity.GetBinary($"Result{i}") ?? []).ToArray();
        return System.Text.Json.JsonSerializer.Deserialize<CommandResult>(bytes, TableStorage.Json);
    }

    private static CommandRecord Map(TableEntity e) => new(
        e.GetString("Id") ?? "",
        e.GetString("AgentId") ?? "",
        e.GetString("ContainerName") ?? "",
        e.GetString("Kind") ?? "",
        TableStorage.FromJson<LogRequest?>(e.GetString("Logs"), null),
        Enum.TryParse<CommandState>(e.GetString("State"), out var state) ? state : CommandState.Expired,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ClaimedAt"),
        ReadResult(e),
        e.ETag.ToString());
}
