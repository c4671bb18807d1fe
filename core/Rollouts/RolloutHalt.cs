using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Dockward.Core.Updates;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Rollouts;

/// <summary>What stopping a rollout does to its jobs: cancels the members not started and adds rollback jobs.</summary>
internal sealed class RolloutHalt(IUpdateJobStore jobs, TimeProvider clock, ILogger<RolloutHalt> logger)
{
    /// <summary>
    /// Stops the rollout: members not started are cancelled, <paramref name="rollBack"/> get a job back to the
    /// digest they ran before, and the rollout gets events saying so. Safe to repeat after a crash half-way: cancelled
    /// jobs stay cancelled, and a container with a rollback job in this rollout gets no second one.
    /// </summary>
    /// <returns>The rollout with the halt's events, not stored yet: the caller ends it.</returns>
    public async Task<RolloutRecord> StopAsync(
        RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, string reason, IEnumerable<UpdateJob> rollBack,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var halted = rollout.With(now, $"halted: {reason}");
        var cancelled = await CancelNotStartedAsync(rollout, ordered, $"rollout halted: {reason}", rollout.Actor, cancellationToken);
        if (cancelled.Count > 0)
        {
            halted = halted.With(now, $"cancelled {string.Join(", ", cancelled)}");
        }

        foreach (var member in rollBack)
        {
            halted = halted.With(now, await RollBackAsync(rollout, member, rollbacks, cancellationToken));
        }

        return halted;
    }

    /// <summary>Adds a job that puts <paramref name="member"/>'s container back on the digest it ran before; returns the event line.</summary>
    private async Task<string> RollBackAsync(RolloutRecord rollout, UpdateJob member, IReadOnlyList<UpdateJob> rollbacks, CancellationToken cancellationToken)
    {
        var scopeName = rollout.Kind == RolloutKind.Canary ? "canary" : "group scope";
        if (member.FromDigest is null)
        {
            logger.LogWarning("Rollout {RolloutId} cannot roll back {Container}: the digest it ran before is unknown", rollout.Id, member.ContainerName);
            return $"cannot roll back {member.ContainerName}: the digest it ran before is unknown";
        }

        if (rollbacks.Any(j => j.AgentId == member.AgentId && j.ContainerName == member.ContainerName))
        {
            return $"rolling back {member.ContainerName} ({scopeName})";
        }

        var now = clock.GetUtcNow();
        var job = new UpdateJob(
            UpdateJob.NewId(now),
            member.AgentId,
            member.ContainerName,
            // The update may have moved the container to another tag; the rollback starts from where it is now.
            member.TargetImage ?? member.Image,
            member.FromDigest,
            member.TargetDigest,
            JobState.Pending,
            RolloutMembers.RollbackTrigger,
            FailedStep: null,
            Reason: null,
            Steps: [],
            now,
            now)
        {
            TargetImage = member.TargetImage is null ? null : member.Image,
            Strategy = member.Strategy,
            RolloutId = rollout.Id,
            RequestedBy = rollout.Actor,
        };
        try
        {
            await jobs.AddAsync(job, cancellationToken);
            logger.LogWarning("Rollout {RolloutId} rolls {Container} on {Agent} back to {Digest}", rollout.Id, member.ContainerName, member.AgentId, member.FromDigest);
            return $"rolling back {member.ContainerName} to {member.FromDigest} ({scopeName})";
        }
        catch (ConcurrencyConflictException)
        {
            // Another job of the container became active since its update ended (or another conductor's rollback).
            return $"cannot roll back {member.ContainerName}: it has another active job";
        }
    }

    /// <summary>Cancels the members that have not started (with <paramref name="alsoPending"/>, also those released but not taken); returns their container names.</summary>
    public async Task<List<string>> CancelNotStartedAsync(
        RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, string reason, string decidedBy, CancellationToken cancellationToken, bool alsoPending = false)
    {
        var cancelled = new List<string>();
        var now = clock.GetUtcNow();
        foreach (var job in ordered.Where(j => j.State is JobState.Held or JobState.Scheduled or JobState.AwaitingApproval || (alsoPending && j.State == JobState.Pending)))
        {
            await jobs.UpdateAsync(job with { State = JobState.Cancelled, Reason = reason, DecidedBy = decidedBy, EndedAt = now, UpdatedAt = now }, cancellationToken);
            cancelled.Add(job.ContainerName);
            logger.LogInformation("Rollout {RolloutId} cancelled {Container} on {Agent}: {Reason}", rollout.Id, job.ContainerName, job.AgentId, reason);
        }

        return cancelled;
    }
}
