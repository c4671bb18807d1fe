using Azure.Data.Tables;
using Dockward.Core.Agents;

namespace Dockward.Core.Storage.Tables;

/// <summary>Agents in one partition, keyed by id.</summary>
internal sealed class TableAgentStore(TableStorage storage) : IAgentStore
{
    private const string Partition = "agent";

    public async Task<AgentRecord?> GetAsync(string agentId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("agents", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(agentId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<AgentRecord?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("agents", cancellationToken);
        var found = await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Name eq {name}"), Map, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("agents", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<AgentRecord> AddAsync(AgentRecord agent, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("agents", cancellationToken);
        var etag = await TableStorage.AddAsync(table, ToEntity(agent), cancellationToken);
        return agent with { Version = etag };
    }

    public async Task<AgentRecord> UpdateAsync(AgentRecord agent, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("agents", cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(agent), agent.Version, cancellationToken);
        return agent with { Version = etag };
    }

    private static TableEntity ToEntity(AgentRecord a) => new(Partition, TableStorage.Key(a.Id))
    {
        ["Id"] = a.Id,
        ["Name"] = a.Name,
        ["CredentialHash"] = a.CredentialHash,
        ["AgentVersion"] = a.AgentVersion,
        ["DockerVersion"] = a.DockerVersion,
        ["EnrolledAt"] = a.EnrolledAt,
        ["LastSeenAt"] = a.LastSeenAt,
        ["RevokedAt"] = a.RevokedAt,
        ["OfflineSince"] = a.OfflineSince,
    };

    private static AgentRecord Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("Name"),
        e.GetString("CredentialHash"),
        e.GetString("AgentVersion") ?? "",
        e.GetString("DockerVersion") ?? "",
        e.GetDateTimeOffset("EnrolledAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("LastSeenAt"),
        e.GetDateTimeOffset("RevokedAt"),
        e.ETag.ToString(),
        e.GetDateTimeOffset("OfflineSince"));
}
