using Azure.Data.Tables;
using Dockward.Core.Containers;

namespace Dockward.Core.Storage.Tables;

/// <summary>One partition per agent, one row per container name, in the table the container store joins its records with.</summary>
internal sealed class TableContainerManagementStore(TableStorage storage) : IContainerManagementStore
{
    internal const string TableName = "containermanagement";

    public async Task SaveAsync(ContainerRegistration registration, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(ToEntity(registration), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ContainerRegistration?> GetAsync(string agentId, string name, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await TableStorage.FindAsync(table, TableStorage.Key(agentId), TableStorage.Key(name), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<ContainerRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        return await TableStorage.QueryAsync(table, null, Map, cancellationToken);
    }

    private static TableEntity ToEntity(ContainerRegistration r) => new(TableStorage.Key(r.AgentId), TableStorage.Key(r.Name))
    {
        ["AgentId"] = r.AgentId,
        ["Name"] = r.Name,
        ["Managed"] = r.Managed,
        ["ChangedBy"] = r.ChangedBy,
        ["ChangedAt"] = r.ChangedAt,
    };

    internal static ContainerRegistration Map(TableEntity e) => new(
        e.GetString("AgentId") ?? "",
        e.GetString("Name") ?? "",
        e.GetBoolean("Managed") ?? false,
        e.GetString("ChangedBy") ?? "",
        e.GetDateTimeOffset("ChangedAt") ?? DateTimeOffset.MinValue);
}
