using System.Text.Json;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Storage;

namespace Dockward.Core.Updates;

/// <summary>
/// Turns "this container should run that image" into at most one job that has not ended, in the state its policy
/// asks for: pending at once (auto), scheduled for a maintenance window or until the image is old enough, awaiting
/// an operator's approval (manual), held for its turn in a rollout, or none at all (monitor, skipped).
/// </summary>
internal sealed class UpdateRequester(IUpdateJobStore jobs, TimeProvider clock)
{
    /// <param name="trigger"><see cref="Triggers"/>; a <c>manual</c> request is a user asking for this update now: it skips the policy's waiting and retries a quarantined digest.</param>
    /// <param name="requestedBy">The actor, for a user's request; null for timers and webhooks (the trigger says it).</param>
    /// <param name="rolloutFor">
    /// For a container whose group rolls out together: asked only once a job is to be made, it gives the rollout the
    /// job joins (then, once ready, the job is held for its turn), or null when the group has one under way that no
    /// longer takes members (no job now; a later check asks again). Null for no rollout.
    /// </param>
    public async Task<UpdateRequest> RequestAsync(
        ContainerRecord container,
        EffectivePolicy policy,
        UpdateTarget target,
        string trigger,
        string? requestedBy,
        Func<CancellationToken, Task<string?>>? rolloutFor,
        CancellationToken cancellationToken)
    {
        var manual = trigger == Triggers.Manual;
        if (!manual && policy.Mode == UpdateMode.Monitor)
        {
            return new UpdateRequest(UpdateRequestStatus.Skipped, null, "monitor only: the update is reported, the container is not touched");
        }

        // A skipped tag is one never moved to; the own tag's new digests are skipped by digest.
        if (!manual && (policy.Skips(target.Digest) || (target.Image is not null && policy.Skips(target.Tag))))
        {
            return new UpdateRequest(UpdateRequestStatus.Skipped, null, $"{target.Tag ?? target.Digest} is on the policy's skip list");
        }

        var history = await jobs.ListForContainerAsync(container.AgentId, container.Name, cancellationToken);
        if (history.FirstOrDefault(j => j.IsActive) is { } active)
        {
            // A user asking is the approval and the window: a job still waiting for either goes ahead now.
            return manual && active.State is JobState.Scheduled or JobState.AwaitingApproval
                ? await ReleaseAsync(active, target, requestedBy, cancellationToken)
                : AlreadyActive(active);
        }

        var latestForDigest = history.Where(j => j.TargetDigest == target.Digest).MaxBy(j => j.CreatedAt);
        // A digest that failed, or that someone turned down, is not proposed again on its own.
        if (!manual && latestForDigest is { } latest && Quarantines(latest))
        {
            return new UpdateRequest(UpdateRequestStatus.Quarantined, latestForDigest,
                $"{target.Digest} ended {Wire(latestForDigest.State)} in job {latestForDigest.Id}; waiting for a newer digest or a manual update");
        }

        string? rolloutId = null;
        if (rolloutFor is not null && !manual)
        {
            rolloutId = await rolloutFor(cancellationToken);
            if (rolloutId is null)
            {
                return new UpdateRequest(UpdateRequestStatus.Skipped, null, $"group {policy.Group} has a rollout under way; a later check asks again");
            }
        }

        var now = clock.GetUtcNow();
        var job = new UpdateJob(
            UpdateJob.NewId(now),
            container.AgentId,
            container.Name,
            container.Image,
            target.Digest,
            ImageReference.TryParse(container.Image, out var image, out _) ? RunningDigests.Of(container, image).FirstOrDefault() : null,
            JobState.Pending,
            trigger,
            FailedStep: null,
            Reason: null,
            Steps: [],
            now,
            now)
        {
            TargetImage = target.Image,
            Strategy = policy.Strategy,
            RolloutId = rolloutId,
            RequestedBy = requestedBy,
        };
        job = manual ? Ready(job) : Wait(job, policy, target, now);

        try
        {
            job = await jobs.AddAsync(job, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another request (a webhook racing the timer, a second instance) created this container's job first.
            var winner = (await jobs.ListForContainerAsync(container.AgentId, container.Name, cancellationToken)).FirstOrDefault(j => j.IsActive);
            return winner is not null ? AlreadyActive(winner) : throw new ConcurrencyConflictException($"job {job.Id} exists");
        }

        return new UpdateRequest(UpdateRequestStatus.Created, job, Describe(job));
    }

    /// <summary>
    /// Whether an ended job keeps its digest from being proposed again without a user asking: it failed, was rolled
    /// back, or someone (a person, or a rollout that halted) turned it down. The scheduler's housekeeping cancels (the
    /// container went, the policy stopped updating it) do not, nor does a configuration edit: it kept the image, so
    /// its failure says nothing about the digest.
    /// </summary>
    public static bool Quarantines(UpdateJob job) => job.State switch
    {
        _ when job.Config is not null || job.Trigger == Containers.Config.ConfigEdits.Trigger => false,
        JobState.RolledBack or JobState.Failed or JobState.Rejected => true,
        JobState.Cancelled => job.DecidedBy != UpdateScheduler.Actor,
        _ => false,
    };

    /// <summary>A waiting job a user asked to run now: ready at once, on what the tag points at now.</summary>
    private async Task<UpdateRequest> ReleaseAsync(UpdateJob waiting, UpdateTarget target, string? requestedBy, CancellationToken cancellationToken)
    {
        var released = Ready(waiting) with
        {
            TargetDigest = target.Digest,
            TargetImage = target.Image,
            ExpiresAt = null,
            Trigger = Triggers.Manual,
            RequestedBy = requestedBy,
            DecidedBy = requestedBy,
            UpdatedAt = clock.GetUtcNow(),
        };
        try
        {
            released = await jobs.UpdateAsync(released, cancellationToken);
            return new UpdateRequest(UpdateRequestStatus.Created, released, $"job {released.Id} was {Wire(waiting.State)}; released by {requestedBy}");
        }
        catch (ConcurrencyConflictException)
        {
            // Approved, expired or released by someone else meanwhile: that stands.
            return AlreadyActive(await jobs.GetAsync(waiting.AgentId, waiting.Id, cancellationToken) ?? waiting);
        }
    }

    /// <summary>A job whose wait is over: pending for its agent, or held for its turn when it belongs to a rollout.</summary>
    public static UpdateJob Ready(UpdateJob job) =>
        job with { State = job.RolloutId is null ? JobState.Pending : JobState.Held, NotBefore = null, OldEnoughAt = null };

    /// <summary>The state a new job starts in under <paramref name="policy"/>.</summary>
    private static UpdateJob Wait(UpdateJob job, EffectivePolicy policy, UpdateTarget target, DateTimeOffset now)
    {
        if (policy.Mode == UpdateMode.Manual)
        {
            return job with { State = JobState.AwaitingApproval, ExpiresAt = now + policy.ApprovalExpiry };
        }

        // An image without a created date has its age counted from when it was first seen.
        var oldEnoughAt = policy.MinimumAge > TimeSpan.Zero ? (target.Created ?? now) + policy.MinimumAge : now;
        if (oldEnoughAt > now)
        {
            job = job with { OldEnoughAt = oldEnoughAt };
        }

        if (policy.Mode == UpdateMode.Scheduled)
        {
            return job with { State = JobState.Scheduled, NotBefore = NextOpening(policy, oldEnoughAt > now ? oldEnoughAt : now) };
        }

        return oldEnoughAt > now ? job with { State = JobState.Scheduled, NotBefore = oldEnoughAt } : Ready(job);
    }

    /// <summary>The first time at or after <paramref name="from"/> when one of the policy's windows is open.</summary>
    public static DateTimeOffset NextOpening(EffectivePolicy policy, DateTimeOffset from) =>
        policy.Windows.Select(w => w.NextOpening(from)).OfType<DateTimeOffset>().DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    private static UpdateRequest AlreadyActive(UpdateJob active) =>
        new(UpdateRequestStatus.AlreadyActive, active, $"job {active.Id} is already {Wire(active.State)}");

    private static string Describe(UpdateJob job) => job.State switch
    {
        JobState.Scheduled => $"job {job.Id} scheduled for {job.NotBefore:u}",
        JobState.AwaitingApproval => $"job {job.Id} awaits approval until {job.ExpiresAt:u}",
        JobState.Held => $"job {job.Id} waits for its turn in rollout {job.RolloutId}",
        _ => $"job {job.Id} queued",
    };

    /// <summary>The state as the API spells it (<c>rolled_back</c>), for messages people read next to the JSON.</summary>
    private static string Wire(JobState state) => JsonSerializer.Serialize(state).Trim('"');
}
