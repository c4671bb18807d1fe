using System.Globalization;
using Dockward.Core.Storage;
using Dockward.Core.Updates;

namespace Dockward.Benchmarks.Storage;

/// <summary>
/// Update jobs in memory, with the optimistic concurrency of the real stores (a version per write). The benchmark's
/// containers run the latest digests, so a correct check writes none; the store is here because the scan needs one.
/// </summary>
internal sealed class InMemoryUpdateJobStore : IUpdateJobStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, UpdateJob> jobs = new(StringComparer.Ordinal);
    private long versions;

    public Task<UpdateJob> AddAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (jobs.ContainsKey(job.Id))
            {
                throw new ConcurrencyConflictException($"job {job.Id} exists");
            }

            if (job.IsActive && jobs.Values.Any(j => j.IsActive && j.AgentId == job.AgentId && j.ContainerName == job.ContainerName))
            {
                throw new ConcurrencyConflictException($"{job.ContainerName} already has an active job");
            }

            return Task.FromResult(jobs[job.Id] = job with { Version = NextVersion() });
        }
    }

    public Task<UpdateJob?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(jobs.GetValueOrDefault(jobId));
        }
    }

    public Task<UpdateJob?> GetAsync(string agentId, string jobId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(jobs.GetValueOrDefault(jobId) is { } job && job.AgentId == agentId ? job : null);
        }
    }

    public Task<IReadOnlyList<UpdateJob>> ListForAgentAsync(string agentId, JobState? state, CancellationToken cancellationToken) =>
        Where(j => j.AgentId == agentId && (state is null || j.State == state));

    public Task<IReadOnlyList<UpdateJob>> ListForContainerAsync(string agentId, string containerName, CancellationToken cancellationToken) =>
        Where(j => j.AgentId == agentId && j.ContainerName == containerName);

    public Task<IReadOnlyList<UpdateJob>> ListAsync(JobFilter filter, CancellationToken cancellationToken) => Where(filter.Matches);

    public Task<UpdateJob> UpdateAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!jobs.TryGetValue(job.Id, out var stored) || stored.Version != job.Version)
            {
                throw new ConcurrencyConflictException($"job {job.Id} changed since it was read");
            }

            return Task.FromResult(jobs[job.Id] = job with { Version = NextVersion() });
        }
    }

    private Task<IReadOnlyList<UpdateJob>> Where(Func<UpdateJob, bool> predicate)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<UpdateJob>>([.. jobs.Values.Where(predicate).OrderBy(j => j.CreatedAt)]);
        }
    }

    private string NextVersion() => (++versions).ToString(CultureInfo.InvariantCulture);
}
