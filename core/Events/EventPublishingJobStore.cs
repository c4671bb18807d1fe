using Dockward.Core.Updates;

namespace Dockward.Core.Events;

/// <summary>
/// The job store, announcing every job made (<c>job.state</c>, change <c>created</c>) wherever it is made: a scan,
/// a webhook, a user, a rollout, a configuration edit. Later changes are announced where they happen (the agent's
/// reports, the decisions), since only there is it known what changed.
/// </summary>
internal sealed class EventPublishingJobStore(IUpdateJobStore inner, EventLog events) : IUpdateJobStore
{
    public async Task<UpdateJob> AddAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        var added = await inner.AddAsync(job, cancellationToken);
        await JobEvents.StateAsync(events, added, "created", cancellationToken);
        return added;
    }

    public Task<UpdateJob?> GetAsync(string jobId, CancellationToken cancellationToken) => inner.GetAsync(jobId, cancellationToken);

    public Task<UpdateJob?> GetAsync(string agentId, string jobId, CancellationToken cancellationToken) => inner.GetAsync(agentId, jobId, cancellationToken);

    public Task<IReadOnlyList<UpdateJob>> ListForAgentAsync(string agentId, JobState? state, CancellationToken cancellationToken) =>
        inner.ListForAgentAsync(agentId, state, cancellationToken);

    public Task<IReadOnlyList<UpdateJob>> ListForContainerAsync(string agentId, string containerName, CancellationToken cancellationToken) =>
        inner.ListForContainerAsync(agentId, containerName, cancellationToken);

    public Task<UpdateJob> UpdateAsync(UpdateJob job, CancellationToken cancellationToken) => inner.UpdateAsync(job, cancellationToken);

    public Task<IReadOnlyList<UpdateJob>> ListAsync(JobFilter filter, CancellationToken cancellationToken) => inner.ListAsync(filter, cancellationToken);
}
