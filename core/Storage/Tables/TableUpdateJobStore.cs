using Azure;
using Azure.Data.Tables;
using Dockward.Contracts;
using Dockward.Core.Policies;
using Dockward.Core.Updates;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// One partition per agent (its job queue), one row per job; steps as a JSON column. Beside the jobs, each
/// container with an active job has a marker row (<c>~active~&lt;name&gt;</c>) written and removed in the same
/// transaction as the job, so "at most one active job per container" holds however many requests race.
/// </summary>
internal sealed class TableUpdateJobStore(TableStorage storage) : IUpdateJobStore
{
    // Job ids start with a digit; markers sort after every job and are left out of job queries.
    private const string MarkerPrefix = "~active~";
    private const string JobsOnly = "RowKey lt '~'";

    public async Task<UpdateJob> AddAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        if (!job.IsActive)
        {
            var added = await TableStorage.AddAsync(table, ToEntity(job), cancellationToken);
            return job with { Version = added };
        }

        try
        {
            var response = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, Marker(job)),
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(job)),
                ],
                cancellationToken);
            return job with { Version = response.Value[1].Headers.ETag?.ToString() ?? "" };
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            throw new ConcurrencyConflictException($"{job.ContainerName} on {job.AgentId} already has an active job.", e);
        }
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
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + $" and {JobsOnly}";
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
        if (job.IsActive)
        {
            var etag = await TableStorage.ReplaceAsync(table, ToEntity(job), job.Version, cancellationToken);
            return job with { Version = etag };
        }

        if (string.IsNullOrEmpty(job.Version))
        {
            throw new ArgumentException("An update needs the version it was read at.", nameof(job));
        }

        try
        {
            // Ending the job frees its container in the same transaction (a replay of an ended job finds no marker: see below).
            var response = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(job), new ETag(job.Version)),
                    new TableTransactionAction(TableTransactionActionType.Delete, Marker(job), ETag.All),
                ],
                cancellationToken);
            return job with { Version = response.Value[0].Headers.ETag?.ToString() ?? "" };
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            // No marker: the job ended before (a repeated result) or was created before markers existed.
            var etag = await TableStorage.ReplaceAsync(table, ToEntity(job), job.Version, cancellationToken);
            return job with { Version = etag };
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            throw new ConcurrencyConflictException($"job {job.Id} changed since it was read.", e);
        }
    }

    public async Task<IReadOnlyList<UpdateJob>> ListAsync(JobFilter filter, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("jobs", cancellationToken);
        var parts = new List<string> { JobsOnly };
        if (filter.AgentId is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {TableStorage.Key(filter.AgentId)}"));
        }

        if (filter.ContainerName is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"ContainerName eq {filter.ContainerName}"));
        }

        if (filter.States is { Count: > 0 } states)
        {
            parts.Add("(" + string.Join(" or ", states.Select(s => TableClient.CreateQueryFilter($"State eq {s.ToString()}"))) + ")");
        }

        if (filter.RolloutId is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"RolloutId eq {filter.RolloutId}"));
        }

        if (filter.CreatedFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        var found = await TableStorage.QueryAsync(table, string.Join(" and ", parts), Map, cancellationToken);
        return [.. found.Where(filter.Matches)];
    }

    private static TableEntity Marker(UpdateJob job) =>
        new(TableStorage.Key(job.AgentId), MarkerPrefix + TableStorage.Key(job.ContainerName)) { ["JobId"] = job.Id };

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
        ["TargetImage"] = j.TargetImage,
        ["Strategy"] = j.Strategy?.ToString(),
        ["NotBefore"] = j.NotBefore,
        ["OldEnoughAt"] = j.OldEnoughAt,
        ["ExpiresAt"] = j.ExpiresAt,
        ["RolloutId"] = j.RolloutId,
        ["RequestedBy"] = j.RequestedBy,
        ["DecidedBy"] = j.DecidedBy,
        ["StartedAt"] = j.StartedAt,
        ["EndedAt"] = j.EndedAt,
        ["Config"] = j.Config is null ? null : TableStorage.ToJson(j.Config),
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
        e.ETag.ToString())
    {
        TargetImage = e.GetString("TargetImage"),
        Strategy = Enum.TryParse<UpdateStrategy>(e.GetString("Strategy"), out var strategy) ? strategy : null,
        NotBefore = e.GetDateTimeOffset("NotBefore"),
        OldEnoughAt = e.GetDateTimeOffset("OldEnoughAt"),
        ExpiresAt = e.GetDateTimeOffset("ExpiresAt"),
        RolloutId = e.GetString("RolloutId"),
        RequestedBy = e.GetString("RequestedBy"),
        DecidedBy = e.GetString("DecidedBy"),
        StartedAt = e.GetDateTimeOffset("StartedAt"),
        EndedAt = e.GetDateTimeOffset("EndedAt"),
        Config = TableStorage.FromJson<ConfigChange?>(e.GetString("Config"), null),
    };
}
