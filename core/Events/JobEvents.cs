using Dockward.Contracts;
using Dockward.Core.Updates;

namespace Dockward.Core.Events;

/// <summary>The bodies of <c>job.state</c> and <c>job.step</c>, one shape wherever a job changes.</summary>
internal static class JobEvents
{
    public static Task StateAsync(EventLog events, UpdateJob job, string change, CancellationToken cancellationToken) =>
        events.PublishAsync(EventTypes.JobState, new
        {
            jobId = job.Id,
            agentId = job.AgentId,
            name = job.ContainerName,
            change,
            state = job.State,
            image = job.Image,
            fromDigest = job.FromDigest,
            targetDigest = job.TargetDigest,
            trigger = job.Trigger,
            failedStep = job.FailedStep,
            reason = job.Reason,
            rolloutId = job.RolloutId,
        }, job.AgentId, job.ContainerName, cancellationToken: cancellationToken);

    public static Task StepAsync(EventLog events, string agentId, string jobId, string? container, JobStepReport step, CancellationToken cancellationToken) =>
        events.PublishAsync(EventTypes.JobStep, new
        {
            jobId,
            agentId,
            name = container,
            step = step.Step,
            status = step.Status,
            message = step.Message,
            sequence = step.Sequence,
        }, agentId, container, cancellationToken: cancellationToken);
}
