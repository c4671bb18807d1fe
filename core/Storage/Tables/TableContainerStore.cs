using Azure.Data.Tables;
using Dockward.Core.Containers;

namespace Dockward.Core.Storage.Tables;

/// <summary>One partition per agent, one row per container name.</summary>
internal sealed class TableContainerStore(TableStorage storage) : IContainerStore
{
    // Entity group transactions hold at most 100 operations.
    private const int BatchSize = 100;

    public async Task ReplaceInventoryAsync(string agentId, IReadOnlyList<ContainerRecord> containers, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("containers", cancellationToken);
        var partition = TableStorage.Key(agentId);
        var existing = await TableStorage.QueryAsync(
            table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), e => e.RowKey, cancellationToken);
        var reported = containers.Select(c => TableStorage.Key(c.Name)).ToHashSet(StringComparer.Ordinal);

        var actions = containers
            .Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(c)))
            .Concat(existing.Where(row => !reported.Contains(row))
                .Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row))))
            .ToList();

        foreach (var batch in actions.Chunk(BatchSize))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("containers", cancellationToken);
        return await TableStorage.QueryAsync(table, null, Map, cancellationToken);
    }

    public async Task<ContainerRecord?> GetAsync(string agentId, string name, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("containers", cancellationToken);
        var entity = await TableStorage.FindAsync(table, TableStorage.Key(agentId), TableStorage.Key(name), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    private static TableEntity ToEntity(ContainerRecord c) => new(TableStorage.Key(c.AgentId), TableStorage.Key(c.Name))
    {
        ["AgentId"] = c.AgentId,
        ["Name"] = c.Name,
        ["ContainerId"] = c.Id,
        ["Image"] = c.Image,
        ["ImageId"] = c.ImageId,
        ["RepoDigests"] = TableStorage.ToJson(c.RepoDigests),
        ["State"] = c.State,
        ["Health"] = c.Health,
        ["Labels"] = TableStorage.ToJson(c.Labels),
        ["Created"] = c.Created,
        ["ReportedAt"] = c.ReportedAt,
        ["Platform"] = c.Platform,
    };

    private static ContainerRecord Map(TableEntity e) => new(
        e.GetString("AgentId"),
        e.GetString("Name"),
        e.GetString("ContainerId"),
        e.GetString("Image"),
        e.GetString("ImageId") ?? "",
        TableStorage.FromJson<string[]>(e.GetString("RepoDigests"), []),
        e.GetString("State") ?? "",
        e.GetString("Health"),
        TableStorage.FromJson<Dictionary<string, string>>(e.GetString("Labels"), []),
        e.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ReportedAt") ?? DateTimeOffset.MinValue,
        e.GetString("Platform"),
        e.ETag.ToString());
}
