using Azure.Data.Tables;
using Dockward.Core.Updates;

namespace Dockward.Core.Storage.Tables;

/// <summary>One partition per agent (its job queue), one row per job; steps as a JSON column.</summary>
internal sealed class TableUpdateJobStore(TableStorage storage) : IUpdateJobStore
{
    public async Task<UpdateJob> AddAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var etag = await TableStorage.AddAsync(table, ToEntity(job), cancellationToken);
        return job with { Version = etag };
    }

    public async Task<UpdateJob?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var found = await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"RowKey eq {TableStorage.Key(jobId)}"), Map, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<UpdateJob?> GetAsync(string agentId, string jobId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var entity = await TableStorage.FindAsync(table, TableStorage.Key(agentId), TableStorage.Key(jobId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<UpdateJob>> ListForAgentAsync(string agentId, JobState? state, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var partition = TableStorage.Key(agentId);
        var filter = state is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and State eq {s.ToString()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        return await TableStorage.QueryAsync(table, filter, Map, cancellationToken);
    }

    public async Task<IReadOnlyList<UpdateJob>> ListForContainerAsync(string agentId, string containerName, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableStorage.Key(agentId)} and ContainerName eq {containerName}");
        return await TableStorage.QueryAsync(table, filter, Map, cancellationToken);
    }

    public async Task<UpdateJob> UpdateAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(job), job.Version, cancellationToken);
        return job with { Version = etag };
    }

    private static TableEntity ToEntity(UpdateJob j) => new(TableStorage.Key(j.AgentId), TableStorage.Key(j.Id))
    {
        ["Id"] = j.Id,
        ["AgentId"] = j.AgentId,
        ["ContainerName"] = j.ContainerName,
        ["Image"] = j.Image,
        ["TargetDigest"] = j.TargetDigest,
        ["FromDigest"] = j.FromDigest,
        ["State"] = j.State.ToString(),
        ["Trigger"] = j.Trigger,
        ["FailedStep"] = j.FailedStep,
        ["Reason"] = j.Reason,
        ["Steps"] = TableStorage.ToJson(j.Steps),
        ["CreatedAt"] = j.CreatedAt,
        ["UpdatedAt"] = j.UpdatedAt,
    };

    private static UpdateJob Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("AgentId"),
        e.GetString("ContainerName"),
        e.GetString("Image"),
        e.GetString("TargetDigest"),
        e.GetString("FromDigest"),
        Enum.TryParse<JobState>(e.GetString("State"), out var state) ? state : JobState.Failed,
        e.GetString("Trigger") ?? "",
        e.GetString("FailedStep"),
        e.GetString("Reason"),
        TableStorage.FromJson<JobStep[]>(e.GetString("Steps"), []),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
