using Dockward.Core.Containers;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Updates;

/// <summary>
/// Moves waiting jobs on as time passes: a scheduled job is released once its image is old enough and, for a
/// container in scheduled mode, a maintenance window is open; an approval nobody gave in time expires. Each pass reads
/// the containers' policies again, so a window an operator adds or changes takes effect at once. Runs from a timer,
/// on any instance; every change is conditional on what was read. A job that changes state is announced
/// (<c>job.state</c>: released, awaiting approval, expired, cancelled); a job only rescheduled is not.
/// </summary>
internal sealed class UpdateScheduler(
    IUpdateJobStore jobs,
    IContainerStore containers,
    IPolicyStore policyStore,
    PolicyResolver policies,
    IRolloutStore rollouts,
    EventLog events,
    TimeProvider clock,
    ILogger<UpdateScheduler> logger)
{
    /// <summary>The actor the scheduler records as <see cref="UpdateJob.DecidedBy"/>.</summary>
    public const string Actor = "scheduler";

    /// <summary>One pass; returns how many jobs it released, rescheduled, expired and cancelled.</summary>
    public async Task<SchedulerPass> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await jobs.ListAsync(JobFilter.InStates(JobState.Scheduled, JobState.AwaitingApproval, JobState.Held), cancellationToken);
        var pass = new SchedulerPass();
        PolicyBook? book = null;
        foreach (var job in waiting.OrderBy(j => j.CreatedAt))
        {
            UpdateJob? changed;
            if (job.State == JobState.Held)
            {
                changed = await OrphanedAsync(job, now, cancellationToken);
            }
            else if (job.State == JobState.AwaitingApproval)
            {
                changed = job.ExpiresAt <= now ? End(job, JobState.Expired, $"nobody approved or rejected it by {job.ExpiresAt:u}", now) : null;
            }
            else
            {
                book ??= await PolicyBook.ReadAsync(policyStore, cancellationToken);
                changed = await DueAsync(job, book, now, cancellationToken);
            }

            if (changed is null)
            {
                continue;
            }

            UpdateJob stored;
            try
            {
                stored = await jobs.UpdateAsync(changed with { UpdatedAt = now }, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Decided by a person, or moved by another instance, meanwhile: the next pass sees what it is now.
                continue;
            }

            pass.Count(changed.State, job.State);
            logger.LogInformation("Job {Job} of {Container} on {Agent}: {From} -> {To} {Reason}",
                job.Id, job.ContainerName, job.AgentId, job.State, changed.State, changed.Reason ?? "");
            if (changed.State != job.State)
            {
                await JobEvents.StateAsync(events, stored, ChangeOf(changed.State), cancellationToken);
            }
        }

        return pass;
    }

    /// <summary>A scheduled job under its container's policy now: released, rescheduled, cancelled, or (null) left as it is.</summary>
    private async Task<UpdateJob?> DueAsync(UpdateJob job, PolicyBook book, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await containers.GetAsync(job.AgentId, job.ContainerName, cancellationToken) is not { } container)
        {
            return End(job, JobState.Cancelled, "the container is no longer reported by its agent", now);
        }

        // The policy is read again: it may have changed since the job was scheduled.
        var policy = policies.Resolve(container, book);
        if (policy.Mode == UpdateMode.Monitor || !policy.Managed)
        {
            return End(job, JobState.Cancelled, "the container's policy no longer updates it", now);
        }

        if (policy.Mode == UpdateMode.Manual)
        {
            // Switched to manual while it waited: it now waits for an operator instead.
            return job with { State = JobState.AwaitingApproval, NotBefore = null, ExpiresAt = now + policy.ApprovalExpiry };
        }

        var oldEnough = job.OldEnoughAt is not { } at || at <= now;
        if (oldEnough && (policy.Mode != UpdateMode.Scheduled || policy.Windows.Any(w => w.OpenAt(now) is not null)))
        {
            return UpdateRequester.Ready(job);
        }

        var from = oldEnough ? now : job.OldEnoughAt!.Value;
        var next = policy.Mode == UpdateMode.Scheduled ? UpdateRequester.NextOpening(policy, from) : from;
        return next == job.NotBefore ? null : job with { NotBefore = next };
    }

    /// <summary>
    /// A held job whose rollout ended before releasing it (it joined as another scan sealed the rollout) would wait
    /// for good and keep its container from any other update: it is cancelled, and the next check proposes it again.
    /// </summary>
    private async Task<UpdateJob?> OrphanedAsync(UpdateJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rollout = job.RolloutId is null ? null : await rollouts.GetAsync(job.RolloutId, cancellationToken);
        return rollout is { State: RolloutState.Running }
            ? null
            : End(job, JobState.Cancelled, $"its rollout {job.RolloutId} ended before releasing it", now);
    }

    /// <summary>The <c>change</c> a <c>job.state</c> event names for a job the scheduler moved to <paramref name="state"/>.</summary>
    private static string ChangeOf(JobState state) => state switch
    {
        JobState.Pending or JobState.Held => "released",
        JobState.AwaitingApproval => "awaiting-approval",
        JobState.Expired => "expired",
        _ => "cancelled",
    };

    private static UpdateJob End(UpdateJob job, JobState state, string reason, DateTimeOffset now) =>
        job with { State = state, Reason = reason, DecidedBy = Actor, EndedAt = now };
}
