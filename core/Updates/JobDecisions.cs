using System.Text.Json;
using Dockward.Core.Storage;

namespace Dockward.Core.Updates;

/// <summary>An operator's decisions on waiting jobs: approve, reject, cancel.</summary>
internal sealed class JobDecisions(IUpdateJobStore jobs, TimeProvider clock)
{
    /// <summary>An update awaiting approval goes ahead: pending for its agent, or held for its turn in its rollout.</summary>
    public Task<JobDecision> ApproveAsync(string jobId, string actor, CancellationToken cancellationToken) =>
        DecideAsync(jobId, job => job.State == JobState.AwaitingApproval
            ? UpdateRequester.Ready(job) with { DecidedBy = actor, ExpiresAt = null }
            : null, "only an update awaiting approval can be approved", cancellationToken);

    /// <summary>An update awaiting approval is turned down; its digest is not proposed again without a user asking.</summary>
    public Task<JobDecision> RejectAsync(string jobId, string actor, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(jobId, job => job.State == JobState.AwaitingApproval
            ? Ended(job, JobState.Rejected, actor, string.IsNullOrWhiteSpace(reason) ? $"rejected by {actor}" : $"rejected by {actor}: {reason.Trim()}")
            : null, "only an update awaiting approval can be rejected", cancellationToken);

    /// <summary>A job that has not started (scheduled, awaiting approval, held or pending) is cancelled.</summary>
    public Task<JobDecision> CancelAsync(string jobId, string actor, CancellationToken cancellationToken) =>
        DecideAsync(jobId, job => job.State is JobState.Scheduled or JobState.AwaitingApproval or JobState.Held or JobState.Pending
            ? Ended(job, JobState.Cancelled, actor, $"cancelled by {actor}")
            : null, "only a job that has not started can be cancelled", cancellationToken);

    private UpdateJob Ended(UpdateJob job, JobState state, string actor, string reason)
    {
        var now = clock.GetUtcNow();
        return job with { State = state, DecidedBy = actor, Reason = reason, UpdatedAt = now, EndedAt = now };
    }

    private async Task<JobDecision> DecideAsync(string jobId, Func<UpdateJob, UpdateJob?> decide, string refusal, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await jobs.GetAsync(jobId, cancellationToken) is not { } job)
            {
                return new JobDecision(null, null);
            }

            if (decide(job) is not { } changed)
            {
                return new JobDecision(job, $"{refusal}; job {job.Id} is {JsonSerializer.Serialize(job.State).Trim('"')}");
            }

            try
            {
                return new JobDecision(await jobs.UpdateAsync(changed with { UpdatedAt = clock.GetUtcNow() }, cancellationToken), null);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // The agent took it, or the scheduler released it, meanwhile: decide again on what it is now.
            }
        }
    }
}
