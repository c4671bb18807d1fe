using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Updates;

/// <summary>
/// Hands pending jobs to their agent (a long poll over the store, so any control-plane instance can
/// answer) and records what the agent reports back.
/// </summary>
internal sealed class JobDispatcher(
    IUpdateJobStore jobs,
    IContainerStore containers,
    IPolicyStore policyStore,
    PolicyResolver policies,
    IOptions<PolicyOptions> options,
    TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Claims the agent's next pending job, waiting up to <paramref name="wait"/> for one to appear: the oldest,
    /// unless it waits for a pending job of a compose service it depends on (<see cref="ComposeOrder"/>).
    /// </summary>
    public async Task<JobAssignment?> NextAsync(string agentId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + wait;
        while (true)
        {
            var pending = await jobs.ListForAgentAsync(agentId, JobState.Pending, cancellationToken);
            if (pending.Count > 0 && await RoomForAnotherAsync(agentId, cancellationToken))
            {
                foreach (var job in await InHandOutOrderAsync(agentId, pending, cancellationToken))
                {
                    try
                    {
                        var now = clock.GetUtcNow();
                        var claimed = await jobs.UpdateAsync(job with { State = JobState.Running, UpdatedAt = now, StartedAt = job.StartedAt ?? now }, cancellationToken);
                        return await AssignmentAsync(claimed, cancellationToken);
                    }
                    catch (ConcurrencyConflictException)
                    {
                        // Another poll (another instance, or a reconnecting agent) took it first.
                    }
                }
            }

            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < PollInterval ? left : PollInterval, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Whether one more update may start on this host and overall (<see cref="PolicyOptions.MaxConcurrentUpdatesPerHost"/>,
    /// <see cref="PolicyOptions.MaxConcurrentUpdates"/>). Read, then claimed: two instances can each let one through at the
    /// limit, which the limit tolerates (it paces rollouts; the agent itself runs one update at a time).
    /// </summary>
    private async Task<bool> RoomForAnotherAsync(string agentId, CancellationToken cancellationToken)
    {
        var running = await jobs.ListAsync(JobFilter.InStates(JobState.Running), cancellationToken);
        return running.Count(j => j.AgentId == agentId) < options.Value.MaxConcurrentUpdatesPerHost
            && running.Count < options.Value.MaxConcurrentUpdates;
    }

    /// <summary>The job as the agent gets it, with the gate its container's policy asks for.</summary>
    private async Task<JobAssignment> AssignmentAsync(UpdateJob job, CancellationToken cancellationToken)
    {
        var gate = new HealthGateSettings(options.Value.MonitorWindowSeconds, options.Value.HealthTimeoutSeconds);
        if (await containers.GetAsync(job.AgentId, job.ContainerName, cancellationToken) is { } container)
        {
            var policy = policies.Resolve(container, await PolicyBook.ReadAsync(policyStore, cancellationToken));
            gate = new HealthGateSettings((int)policy.MonitorWindow.TotalSeconds, (int)policy.HealthTimeout.TotalSeconds);
        }

        return new JobAssignment(job.Id, job.ContainerName, job.Image, job.TargetDigest, gate, job.TargetImage, StrategyOf(job), job.Config);
    }

    /// <summary>The strategy as the agent spells it; null leaves it to the container's label (a job from before policies).</summary>
    private static string? StrategyOf(UpdateJob job) => job.Strategy switch
    {
        UpdateStrategy.StopFirst => "stop-first",
        UpdateStrategy.StartFirst => "start-first",
        UpdateStrategy.BlueGreen => "blue-green",
        _ => null,
    };

    /// <summary>The pending jobs in <see cref="ComposeOrder"/>; their containers' labels are only read when there is an order to choose.</summary>
    private async Task<IReadOnlyList<UpdateJob>> InHandOutOrderAsync(string agentId, IReadOnlyList<UpdateJob> pending, CancellationToken cancellationToken)
    {
        if (pending.Count < 2)
        {
            return pending;
        }

        var records = await Task.WhenAll(pending.Select(j => j.ContainerName).Distinct(StringComparer.Ordinal)
            .Select(name => containers.GetAsync(agentId, name, cancellationToken)));
        var labels = records.OfType<ContainerRecord>().ToDictionary(r => r.Name, r => r.Labels, StringComparer.Ordinal);
        return ComposeOrder.Order(pending, j => labels.GetValueOrDefault(j.ContainerName));
    }

    /// <summary>
    /// Puts back to pending every running job that its agent never acknowledged: no step reported within
    /// <paramref name="acknowledgeWithin"/> of being handed out. The agent reports its first step before it
    /// changes anything, so such a job was lost on the way (the poll's answer never arrived, or the agent died
    /// at once) and is safe to hand out again. Returns how many were put back.
    /// </summary>
    public async Task<int> RequeueUnacknowledgedAsync(IEnumerable<string> agentIds, TimeSpan acknowledgeWithin, CancellationToken cancellationToken)
    {
        var requeued = 0;
        var cutoff = clock.GetUtcNow() - acknowledgeWithin;
        foreach (var agentId in agentIds)
        {
            foreach (var job in await jobs.ListForAgentAsync(agentId, JobState.Running, cancellationToken))
            {
                if (job.Steps.Count > 0 || job.UpdatedAt > cutoff)
                {
                    continue;
                }

                try
                {
                    await jobs.UpdateAsync(job with { State = JobState.Pending, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                    requeued++;
                }
                catch (ConcurrencyConflictException)
                {
                    // Its first step arrived meanwhile: it was not lost after all.
                }
            }
        }

        return requeued;
    }

    /// <summary>
    /// Appends a step to the agent's own running job; false when it is not a running job of this agent. A step
    /// whose sequence number is recorded already (a retry, or a restarted agent replaying its journal) is accepted
    /// and not recorded twice, also once the job has ended.
    /// </summary>
    public Task<bool> AppendStepAsync(string agentId, string jobId, JobStepReport report, CancellationToken cancellationToken) =>
        ChangeAsync(agentId, jobId, job => job switch
        {
            _ when report.Sequence is { } sequence && job.Steps.Any(s => s.Sequence == sequence) => job,
            { State: JobState.Running } => job with
            {
                Steps = [.. job.Steps, new JobStep(report.Step, report.Status, report.Message, report.At, report.Sequence)],
                UpdatedAt = clock.GetUtcNow(),
            },
            _ => null,
        }, cancellationToken);

    /// <summary>
    /// Ends the agent's own running job with its outcome. A repeat of the result it already has is accepted
    /// (the agent retries when an answer is lost); false for anything else that is not a running job of this agent,
    /// so a late or stray result never rewrites a finished job.
    /// </summary>
    public Task<bool> CompleteAsync(string agentId, string jobId, JobResultReport result, CancellationToken cancellationToken)
    {
        var state = result.Outcome switch
        {
            JobOutcome.Succeeded => JobState.Succeeded,
            JobOutcome.RolledBack => JobState.RolledBack,
            JobOutcome.Interrupted => JobState.Interrupted,
            _ => JobState.Failed,
        };
        return ChangeAsync(agentId, jobId, job => job.State switch
        {
            JobState.Running => job with { State = state, FailedStep = result.FailedStep, Reason = result.Reason, UpdatedAt = clock.GetUtcNow(), EndedAt = clock.GetUtcNow() },
            _ when job.State == state && job.FailedStep == result.FailedStep && job.Reason == result.Reason => job,
            _ => null,
        }, cancellationToken);
    }

    /// <param name="change">The changed job, the same job when there is nothing to write, or null to refuse.</param>
    private async Task<bool> ChangeAsync(string agentId, string jobId, Func<UpdateJob, UpdateJob?> change, CancellationToken cancellationToken)
    {
        // Steps and results of one job arrive in order from one agent, but a retried request can race its
        // original: re-read and re-apply on a conflict instead of losing a step.
        for (var attempt = 0; ; attempt++)
        {
            // Looked up in the agent's own partition: another agent's job is simply not found.
            var job = await jobs.GetAsync(agentId, jobId, cancellationToken);
            if (job is null)
            {
                return false;
            }

            var changed = change(job);
            if (changed is null || ReferenceEquals(changed, job))
            {
                return changed is not null;
            }

            try
            {
                await jobs.UpdateAsync(changed, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
            }
        }
    }
}
