using System.Text.Json;
using Dockward.Core.Containers;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Dockward.Core.Updates;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Rollouts;

/// <summary>
/// Moves running rollouts on, one decision per call, from what the stores hold: releases held members when it is
/// their turn, watches canaries, halts on a failure and rolls back what the scope asks. A timer calls it, so a
/// restarted control plane carries on where the last one stopped. Every write is conditional on what was read: two
/// instances advancing one rollout at once never release a member twice (the loser's write conflicts, and it
/// re-reads on its next call).
/// </summary>
internal sealed class RolloutConductor(
    IRolloutStore rollouts,
    IUpdateJobStore jobs,
    IContainerStore containers,
    RolloutMembers members,
    RolloutHalt halt,
    TimeProvider clock,
    ILogger<RolloutConductor> logger,
    EventLog? events = null)
{
    /// <summary>Advances every running, sealed rollout once; returns how many it looked at.</summary>
    public async Task<int> AdvanceAsync(CancellationToken cancellationToken)
    {
        var running = await rollouts.ListAsync(RolloutState.Running, null, cancellationToken);
        foreach (var rollout in running.Where(r => r.Sealed).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["RolloutId"] = rollout.Id, ["Group"] = rollout.Group });
            try
            {
                await AdvanceAsync(rollout, cancellationToken);
            }
            catch (ConcurrencyConflictException e)
            {
                logger.LogDebug("Rollout {RolloutId} changed while advancing it ({Conflict}): it is read again next time", rollout.Id, e.Message);
            }
        }

        return running.Count;
    }

    /// <summary>Cancels a rollout: members not started (held, or released but not taken yet) are cancelled, running ones finish.</summary>
    public async Task<RolloutCancellation> CancelAsync(string rolloutId, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await rollouts.GetAsync(rolloutId, cancellationToken) is not { } rollout)
            {
                return new RolloutCancellation(RolloutCancellationStatus.NotFound, null);
            }

            if (rollout.State != RolloutState.Running)
            {
                return new RolloutCancellation(RolloutCancellationStatus.AlreadyEnded, rollout);
            }

            try
            {
                var reason = $"rollout cancelled by {actor}";
                // A released member its agent has not taken yet has not started either; if the agent takes it meanwhile,
                // the write conflicts and the next attempt leaves it to finish.
                var cancelled = await halt.CancelNotStartedAsync(
                    rollout, (await members.ReadAsync(rolloutId, cancellationToken)).Members, reason, actor, cancellationToken, alsoPending: true);
                var now = clock.GetUtcNow();
                var ended = await rollouts.UpdateAsync(
                    rollout.With(now, $"cancelled by {actor}" + (cancelled.Count > 0 ? $": {string.Join(", ", cancelled)} not started" : ""))
                        with { State = RolloutState.Cancelled, Reason = reason },
                    cancellationToken);
                logger.LogInformation("Rollout {RolloutId} of {Group} cancelled by {Actor}", rolloutId, rollout.Group, actor);
                await PublishAsync(ended, cancellationToken);
                return new RolloutCancellation(RolloutCancellationStatus.Cancelled, ended);
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // The conductor moved it on meanwhile: decide again on what it is now.
            }
        }
    }

    private async Task AdvanceAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        var read = await members.ReadAsync(rollout.Id, cancellationToken);
        if (rollout.Kind == RolloutKind.Canary)
        {
            await AdvanceCanaryAsync(rollout, read.Members, read.Rollbacks, cancellationToken);
        }
        else
        {
            await AdvanceRollingAsync(rollout, read.Members, read.Rollbacks, cancellationToken);
        }
    }

    /// <summary>One at a time in order; the first failure halts the rest.</summary>
    private async Task AdvanceRollingAsync(RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, CancellationToken cancellationToken)
    {
        if (ordered.Any(j => j.State is JobState.Pending or JobState.Running))
        {
            return;
        }

        if (ordered.FirstOrDefault(DidNotSucceed) is { } failed)
        {
            await HaltAsync(rollout, ordered, rollbacks, $"{failed.ContainerName} {Wire(failed.State)}: {failed.Reason ?? "no reason given"}",
                rollout.Settings.RollbackScope == RollbackScope.Group ? ordered.Where(j => j.State == JobState.Succeeded) : [], cancellationToken);
            return;
        }

        if (ordered.FirstOrDefault(j => j.State == JobState.Held) is { } next)
        {
            await ReleaseAsync(next, cancellationToken);
            await SaveAsync(rollout.With(clock.GetUtcNow(), $"released {next.ContainerName}"), cancellationToken);
            logger.LogInformation("Rollout {RolloutId} released {Container} on {Agent}", rollout.Id, next.ContainerName, next.AgentId);
            return;
        }

        if (ordered.All(j => !j.IsActive))
        {
            await EndAsync(rollout, RolloutState.Completed, null, "completed", cancellationToken);
        }
    }

    /// <summary>Canaries first, watched for the window, then the rest at once.</summary>
    private async Task AdvanceCanaryAsync(RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (rollout.Phase is null)
        {
            var chosen = ordered.Where(j => j.State != JobState.Cancelled).Take(rollout.Settings.CanariesOf(ordered.Count(j => j.State != JobState.Cancelled))).ToList();
            // Chosen once, in the record, before any is released: a second conductor's choice conflicts here.
            rollout = await SaveAsync(
                rollout.With(now, $"canaries: {(chosen.Count == 0 ? "none" : string.Join(", ", chosen.Select(j => j.ContainerName)))}")
                    with { Phase = RolloutPhase.Canary, CanaryJobIds = [.. chosen.Select(j => j.Id)] },
                cancellationToken);
        }

        var canaries = ordered.Where(j => rollout.CanaryJobIds.Contains(j.Id)).ToList();
        var rest = ordered.Where(j => !rollout.CanaryJobIds.Contains(j.Id)).ToList();
        switch (rollout.Phase)
        {
            case RolloutPhase.Canary:
                await AwaitCanariesAsync(rollout, ordered, rollbacks, canaries, cancellationToken);
                break;
            case RolloutPhase.Verifying:
                await VerifyCanariesAsync(rollout, ordered, rollbacks, canaries, rest, cancellationToken);
                break;
            default:
                await AwaitRestAsync(rollout, ordered, rollbacks, rest, cancellationToken);
                break;
        }
    }

    private async Task AwaitCanariesAsync(
        RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, List<UpdateJob> canaries, CancellationToken cancellationToken)
    {
        var held = canaries.Where(j => j.State == JobState.Held).ToList();
        foreach (var canary in held)
        {
            await ReleaseAsync(canary, cancellationToken);
        }

        if (held.Count > 0)
        {
            await SaveAsync(rollout.With(clock.GetUtcNow(), $"released canaries {string.Join(", ", held.Select(j => j.ContainerName))}"), cancellationToken);
            logger.LogInformation("Rollout {RolloutId} released {Count} canaries", rollout.Id, held.Count);
            return;
        }

        if (canaries.Any(j => j.IsActive))
        {
            return;
        }

        if (canaries.FirstOrDefault(DidNotSucceed) is { } failed)
        {
            await HaltAsync(rollout, ordered, rollbacks, $"canary {failed.ContainerName} {Wire(failed.State)}: {failed.Reason ?? "no reason given"}",
                canaries.Where(j => j.State == JobState.Succeeded), cancellationToken);
            return;
        }

        var until = clock.GetUtcNow() + rollout.Settings.CanaryWindow;
        await SaveAsync(
            rollout.With(clock.GetUtcNow(), $"canaries updated: verifying until {until:u}") with { Phase = RolloutPhase.Verifying, VerifyUntil = until },
            cancellationToken);
        logger.LogInformation("Rollout {RolloutId}: canaries updated, verifying until {VerifyUntil}", rollout.Id, until);
    }

    private async Task VerifyCanariesAsync(
        RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, List<UpdateJob> canaries, List<UpdateJob> rest,
        CancellationToken cancellationToken)
    {
        foreach (var canary in canaries.Where(j => j.State == JobState.Succeeded))
        {
            var container = await containers.GetAsync(canary.AgentId, canary.ContainerName, cancellationToken);
            var trouble = container switch
            {
                null => "is gone from its host's inventory",
                { State: not "running" } => $"is {container.State}",
                { Health: "unhealthy" } => "is unhealthy",
                _ => null,
            };
            if (trouble is not null)
            {
                await HaltAsync(rollout, ordered, rollbacks, $"canary {canary.ContainerName} {trouble} during verification",
                    canaries.Where(j => j.State == JobState.Succeeded), cancellationToken);
                return;
            }
        }

        var now = clock.GetUtcNow();
        if (rollout.VerifyUntil is { } until && now < until)
        {
            return;
        }

        var verified = rollout;
        foreach (var canary in canaries)
        {
            verified = verified.With(now, $"canary {canary.ContainerName} verified");
        }

        // The phase is recorded before the rest is released: a restart after this point releases them (AwaitRest).
        verified = await SaveAsync(verified with { Phase = RolloutPhase.Rest }, cancellationToken);
        logger.LogInformation("Rollout {RolloutId}: canaries verified, releasing {Count} more", rollout.Id, rest.Count(j => j.State == JobState.Held));
        await AwaitRestAsync(verified, ordered, rollbacks, rest, cancellationToken);
    }

    private async Task AwaitRestAsync(
        RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, List<UpdateJob> rest, CancellationToken cancellationToken)
    {
        var held = rest.Where(j => j.State == JobState.Held).ToList();
        foreach (var member in held)
        {
            // The dispatcher's concurrency limits pace them on their hosts.
            await ReleaseAsync(member, cancellationToken);
        }

        if (held.Count > 0)
        {
            await SaveAsync(rollout.With(clock.GetUtcNow(), $"released {string.Join(", ", held.Select(j => j.ContainerName))}"), cancellationToken);
            return;
        }

        if (ordered.Any(j => j.IsActive))
        {
            return;
        }

        if (rest.FirstOrDefault(DidNotSucceed) is { } failed)
        {
            await HaltAsync(rollout, ordered, rollbacks, $"{failed.ContainerName} {Wire(failed.State)}: {failed.Reason ?? "no reason given"}",
                rollout.Settings.RollbackScope == RollbackScope.Group ? ordered.Where(j => j.State == JobState.Succeeded) : [], cancellationToken);
            return;
        }

        await EndAsync(rollout, RolloutState.Completed, null, "completed", cancellationToken);
    }

    /// <summary>Stops the rollout (see <see cref="RolloutHalt"/>) and records it <c>halted</c>.</summary>
    private async Task HaltAsync(
        RolloutRecord rollout, IReadOnlyList<UpdateJob> ordered, IReadOnlyList<UpdateJob> rollbacks, string reason, IEnumerable<UpdateJob> rollBack,
        CancellationToken cancellationToken)
    {
        var halted = await halt.StopAsync(rollout, ordered, rollbacks, reason, rollBack, cancellationToken);
        await EndAsync(halted, RolloutState.Halted, reason, null, cancellationToken);
        logger.LogWarning("Rollout {RolloutId} of {Group} halted: {Reason}", rollout.Id, rollout.Group, reason);
    }

    /// <summary>Hands a held member to its agent's queue; a conflict means another conductor did (the caller stops).</summary>
    private Task<UpdateJob> ReleaseAsync(UpdateJob job, CancellationToken cancellationToken) =>
        jobs.UpdateAsync(job with { State = JobState.Pending, UpdatedAt = clock.GetUtcNow() }, cancellationToken);

    private async Task EndAsync(RolloutRecord rollout, RolloutState state, string? reason, string? message, CancellationToken cancellationToken)
    {
        var ended = message is null ? rollout : rollout.With(clock.GetUtcNow(), message);
        await SaveAsync(ended with { State = state, Reason = reason }, cancellationToken);
        if (state == RolloutState.Completed)
        {
            logger.LogInformation("Rollout {RolloutId} of {Group} completed", rollout.Id, rollout.Group);
        }
    }

    /// <summary>Every save is a step of the rollout (a release, a phase, its end): each is published as <c>rollout.state</c>.</summary>
    private async Task<RolloutRecord> SaveAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        var saved = await rollouts.UpdateAsync(rollout with { UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        await PublishAsync(saved, cancellationToken);
        return saved;
    }

    private Task PublishAsync(RolloutRecord rollout, CancellationToken cancellationToken) =>
        events?.PublishAsync(EventTypes.RolloutState, new
        {
            rolloutId = rollout.Id,
            group = rollout.Group,
            kind = rollout.Kind,
            state = rollout.State,
            phase = rollout.Phase,
            reason = rollout.Reason,
            message = rollout.Events.Count > 0 ? rollout.Events[^1].Message : null,
        }, cancellationToken: cancellationToken) ?? Task.CompletedTask;

    /// <summary>Ended without its update: rolled back, failed or interrupted (a member cancelled on its own is not a failure).</summary>
    private static bool DidNotSucceed(UpdateJob job) => job.State is JobState.RolledBack or JobState.Failed or JobState.Interrupted;

    /// <summary>The state as the API spells it (<c>rolled_back</c>).</summary>
    internal static string Wire(JobState state) => JsonSerializer.Serialize(state).Trim('"');
}
