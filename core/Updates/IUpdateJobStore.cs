namespace Dockward.Core.Updates;

/// <summary>Update jobs with their step history.</summary>
internal interface IUpdateJobStore
{
    /// <summary>
    /// Stores a new job; <see cref="Storage.ConcurrencyConflictException"/> when the id exists, or when the job is
    /// active and its container already has an active job (checked atomically: two requests racing for one
    /// container get one job between them).
    /// </summary>
    Task<UpdateJob> AddAsync(UpdateJob job, CancellationToken cancellationToken);

    /// <summary>A job by id alone (searches every agent's jobs).</summary>
    Task<UpdateJob?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>A job of one agent: a point read, for the agent's own reports.</summary>
    Task<UpdateJob?> GetAsync(string agentId, string jobId, CancellationToken cancellationToken);

    /// <summary>Jobs of one agent, optionally only those in <paramref name="state"/>, oldest first.</summary>
    Task<IReadOnlyList<UpdateJob>> ListForAgentAsync(string agentId, JobState? state, CancellationToken cancellationToken);

    /// <summary>Jobs of one container, oldest first.</summary>
    Task<IReadOnlyList<UpdateJob>> ListForContainerAsync(string agentId, string containerName, CancellationToken cancellationToken);

    /// <summary>Replaces a job read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<UpdateJob> UpdateAsync(UpdateJob job, CancellationToken cancellationToken);

    /// <summary>Jobs of every agent that pass <paramref name="filter"/>, in no particular order.</summary>
    Task<IReadOnlyList<UpdateJob>> ListAsync(JobFilter filter, CancellationToken cancellationToken);
}
