using System.Text.Json;
using Dockward.Core.Containers;
using Dockward.Core.Detection;

namespace Dockward.Core.Updates;

/// <summary>Turns "this container should run that digest" into at most one active update job.</summary>
internal sealed class UpdateRequester(IUpdateJobStore jobs, TimeProvider clock)
{
    /// <param name="trigger"><c>timer</c>, <c>check</c> or <c>manual</c> (<see cref="Triggers"/>); only a manual request retries a quarantined digest.</param>
    public async Task<UpdateRequest> RequestAsync(ContainerRecord container, string targetDigest, string trigger, CancellationToken cancellationToken)
    {
        var history = await jobs.ListForContainerAsync(container.AgentId, container.Name, cancellationToken);
        if (history.FirstOrDefault(j => j.IsActive) is { } active)
        {
            return new UpdateRequest(UpdateRequestStatus.AlreadyActive, active, $"job {active.Id} is already {Wire(active.State)}");
        }

        var latestForDigest = history.Where(j => j.TargetDigest == targetDigest).MaxBy(j => j.CreatedAt);
        // A digest that failed (rolled back, or worse, a rollback that failed) is not retried on its own.
        if (trigger != Triggers.Manual && latestForDigest is { State: JobState.RolledBack or JobState.Failed })
        {
            return new UpdateRequest(UpdateRequestStatus.Quarantined, latestForDigest,
                $"{targetDigest} ended {Wire(latestForDigest.State)} in job {latestForDigest.Id}; waiting for a newer digest or a manual retry");
        }

        var now = clock.GetUtcNow();
        var job = new UpdateJob(
            UpdateJob.NewId(now),
            container.AgentId,
            container.Name,
            container.Image,
            targetDigest,
            ImageReference.TryParse(container.Image, out var image, out _) ? RunningDigests.Of(container, image).FirstOrDefault() : null,
            JobState.Pending,
            trigger,
            FailedStep: null,
            Reason: null,
            Steps: [],
            now,
            now);
        job = await jobs.AddAsync(job, cancellationToken);
        return new UpdateRequest(UpdateRequestStatus.Created, job, $"job {job.Id} queued");
    }

    /// <summary>The state as the API spells it (<c>rolled_back</c>), for messages people read next to the JSON.</summary>
    private static string Wire(JobState state) => JsonSerializer.Serialize(state).Trim('"');
}
