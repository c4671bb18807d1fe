using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Dockward.Core.Updates;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Rollouts;

/// <summary>Opens rollouts, takes their members and seals them; and "update a group now".</summary>
internal sealed class RolloutPlanner(
    IRolloutStore rollouts,
    IUpdateJobStore jobs,
    IContainerStore containers,
    IImageCheckStore checks,
    IPolicyStore policies,
    PolicyResolver resolver,
    TimeProvider clock,
    ILogger<RolloutPlanner> logger)
{
    /// <summary>
    /// The group's rollout that still takes members, else a new one; null when the group has a sealed rollout still
    /// running (the caller leaves the container for a later check).
    /// </summary>
    /// <param name="trigger"><c>timer</c>, <c>webhook</c> or <c>manual</c>.</param>
    /// <param name="actor">Who or what asked: <c>timer</c>, <c>webhook</c> or a user's actor.</param>
    public async Task<RolloutRecord?> OpenAsync(string group, EffectivePolicy policy, string trigger, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var running = await rollouts.ListAsync(RolloutState.Running, group, cancellationToken);
            if (running.Count > 0)
            {
                return running.FirstOrDefault(r => !r.Sealed);
            }

            var now = clock.GetUtcNow();
            var kind = policy.Rollout == RolloutKind.None ? RolloutKind.Rolling : policy.Rollout;
            var rollout = new RolloutRecord(
                UpdateJob.NewId(now), group, kind, RolloutSettings.Of(policy), trigger, actor, RolloutState.Running, Phase: null,
                CanaryJobIds: [], Sealed: false, Reason: null, [new RolloutEvent(now, $"opened by {actor} ({trigger}): {Name(kind)}")], now, now);
            try
            {
                var added = await rollouts.AddAsync(rollout, cancellationToken);
                logger.LogInformation("Opened {Kind} rollout {RolloutId} of {Group} for {Actor}", kind, added.Id, group, actor);
                return added;
            }
            catch (ConcurrencyConflictException)
            {
                // Another request opened one for the group meanwhile: join it, if it still takes members.
            }
        }

        return null;
    }

    /// <summary>Closes the rollout to new members; from now on the conductor advances it.</summary>
    public async Task<RolloutRecord?> SealAsync(string rolloutId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await rollouts.GetAsync(rolloutId, cancellationToken) is not { } rollout)
            {
                return null;
            }

            if (rollout.Sealed)
            {
                return rollout;
            }

            try
            {
                var members = await jobs.ListAsync(new JobFilter(RolloutId: rolloutId), cancellationToken);
                var names = members.Select(j => j.ContainerName).Order(StringComparer.Ordinal).ToList();
                return await rollouts.UpdateAsync(
                    rollout.With(clock.GetUtcNow(), $"sealed with {names.Count} members: {string.Join(", ", names)}") with { Sealed = true },
                    cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// Updates every managed container of <paramref name="group"/> whose latest check found a digest it does not run,
    /// as one rollout: of the group's kind, rolling when the group has none (by hand, a group goes one at a time).
    /// </summary>
    /// <param name="actor">The user's actor (<c>user:alice</c>); recorded on the rollout and its jobs.</param>
    public async Task<GroupUpdate> StartGroupAsync(string group, string actor, CancellationToken cancellationToken)
    {
        var book = await PolicyBook.ReadAsync(policies, cancellationToken);
        var inGroup = (await containers.ListAsync(cancellationToken))
            .Select(c => (Container: c, Policy: resolver.Resolve(c, book)))
            .Where(x => x.Policy.Managed && x.Policy.Group == group)
            .OrderBy(x => x.Container.Name, StringComparer.Ordinal).ThenBy(x => x.Container.AgentId, StringComparer.Ordinal)
            .ToList();
        if (inGroup.Count == 0)
        {
            return new GroupUpdate(GroupUpdateStatus.NoContainers, null, $"group '{group}' has no managed container");
        }

        if (await rollouts.ListAsync(RolloutState.Running, group, cancellationToken) is [var running, ..])
        {
            return new GroupUpdate(GroupUpdateStatus.AlreadyRunning, running, $"rollout {running.Id} of group '{group}' is running");
        }

        var outdated = new List<(ContainerRecord Container, EffectivePolicy Policy, string Target, string? From)>();
        foreach (var (container, containerPolicy) in inGroup)
        {
            if (await NewDigestAsync(container, cancellationToken) is { } update)
            {
                outdated.Add((container, containerPolicy, update.Target, update.From));
            }
        }

        if (outdated.Count == 0)
        {
            return new GroupUpdate(GroupUpdateStatus.NothingToUpdate, null, $"no container of group '{group}' has an update (run a check first)");
        }

        var policy = inGroup[0].Policy with { Rollout = inGroup[0].Policy.Rollout == RolloutKind.None ? RolloutKind.Rolling : inGroup[0].Policy.Rollout };
        if (await OpenAsync(group, policy, Triggers.Manual, actor, cancellationToken) is not { } rollout || rollout.Trigger != Triggers.Manual || rollout.RequestedBy != actor)
        {
            return new GroupUpdate(GroupUpdateStatus.AlreadyRunning, null, $"group '{group}' already has a running rollout");
        }

        var joined = 0;
        var notes = new List<string>();
        foreach (var (container, containerPolicy, target, from) in outdated)
        {
            if (await AddMemberAsync(rollout, container, containerPolicy.Strategy, target, from, actor, cancellationToken))
            {
                joined++;
            }
            else
            {
                notes.Add($"{container.Name} already has an active job: not a member");
            }
        }

        rollout = (await SealAsync(rollout.Id, cancellationToken))!;
        if (notes.Count > 0)
        {
            rollout = await AppendAsync(rollout, notes, cancellationToken);
        }

        if (joined == 0)
        {
            // Every candidate was busy with another job: an empty rollout would only complete at once.
            rollout = await rollouts.UpdateAsync(
                rollout.With(clock.GetUtcNow(), "nothing to update: every candidate has another active job") with { State = RolloutState.Cancelled, Reason = "no members" },
                cancellationToken);
            return new GroupUpdate(GroupUpdateStatus.NothingToUpdate, rollout, $"every container of group '{group}' with an update already has an active job");
        }

        logger.LogInformation("Group {Group} update by {Actor}: rollout {RolloutId} with {Members} members", group, actor, rollout.Id, joined);
        return new GroupUpdate(GroupUpdateStatus.Started, rollout, $"rollout {rollout.Id} started with {joined} members");
    }

    /// <summary>Adds a held member job to an open rollout; false when the container already has an active job.</summary>
    /// <param name="strategy">How the agent replaces the container (its effective policy's).</param>
    public async Task<bool> AddMemberAsync(
        RolloutRecord rollout, ContainerRecord container, UpdateStrategy strategy, string targetDigest, string? fromDigest, string requestedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var job = new UpdateJob(
            UpdateJob.NewId(now), container.AgentId, container.Name, container.Image, targetDigest, fromDigest, JobState.Held, rollout.Trigger,
            FailedStep: null, Reason: null, Steps: [], now, now)
        {
            RolloutId = rollout.Id,
            RequestedBy = requestedBy,
            Strategy = strategy,
        };
        try
        {
            await jobs.AddAsync(job, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>The digest the latest check found for the container's tag and the one it runs, when they differ.</summary>
    private async Task<(string Target, string? From)?> NewDigestAsync(ContainerRecord container, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(container.Image, out var image, out _) || image.Digest is not null)
        {
            return null;
        }

        var running = RunningDigests.Of(container, image);
        // Without a digest from this repository there is nothing to compare (an image built locally).
        return running.Count > 0 && await checks.GetAsync(image.ToString(), cancellationToken) is { RemoteDigest: { } remote } && !running.Contains(remote)
            ? (remote, running.Order(StringComparer.Ordinal).First())
            : null;
    }

    private async Task<RolloutRecord> AppendAsync(RolloutRecord rollout, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            try
            {
                return await rollouts.UpdateAsync(lines.Aggregate(rollout, (r, line) => r.With(now, line)), cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                rollout = await rollouts.GetAsync(rollout.Id, cancellationToken) ?? rollout;
            }
        }
    }

    private static string Name(RolloutKind kind) => kind == RolloutKind.Canary ? "canary" : "rolling";
}
