using Dockward.Contracts;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Updates;

/// <summary>
/// Hands pending jobs to their agent (a long poll over the store, so any control-plane instance can
/// answer) and records what the agent reports back.
/// </summary>
public sealed class JobDispatcher(IUpdateJobStore jobs, IOptions<PolicyOptions> policy, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Claims the agent's oldest pending job, waiting up to <paramref name="wait"/> for one to appear.</summary>
    public async Task<JobAssignment?> NextAsync(string agentId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + wait;
        while (true)
        {
            foreach (var job in (await jobs.ListForAgentAsync(agentId, JobState.Pending, cancellationToken)).OrderBy(j => j.CreatedAt))
            {
                try
                {
                    var claimed = await jobs.UpdateAsync(job with { State = JobState.Running, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                    return new JobAssignment(
                        claimed.Id,
                        claimed.ContainerName,
                        claimed.Image,
                        claimed.TargetDigest,
                        new HealthGateSettings(policy.Value.MonitorWindowSeconds, policy.Value.HealthTimeoutSeconds));
                }
                catch (ConcurrencyConflictException)
                {
                    // Another poll (another instance, or a reconnecting agent) took it first.
                }
            }

            if (clock.GetUtcNow() + PollInterval > deadline)
            {
                return null;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    /// <summary>Appends a step to the agent's own job; false when the job is not this agent's.</summary>
    public Task<bool> AppendStepAsync(string agentId, string jobId, JobStepReport report, CancellationToken cancellationToken) =>
        ChangeAsync(agentId, jobId, job => job with
        {
            Steps = [.. job.Steps, new JobStep(report.Step, report.Status, report.Message, report.At)],
            UpdatedAt = clock.GetUtcNow(),
        }, cancellationToken);

    /// <summary>Ends the agent's own job with its outcome; false when the job is not this agent's.</summary>
    public Task<bool> CompleteAsync(string agentId, string jobId, JobResultReport result, CancellationToken cancellationToken) =>
        ChangeAsync(agentId, jobId, job => job with
        {
            State = result.Outcome switch
            {
                JobOutcome.Succeeded => JobState.Succeeded,
                JobOutcome.RolledBack => JobState.RolledBack,
                _ => JobState.Failed,
            },
            FailedStep = result.FailedStep,
            Reason = result.Reason,
            UpdatedAt = clock.GetUtcNow(),
        }, cancellationToken);

    private async Task<bool> ChangeAsync(string agentId, string jobId, Func<UpdateJob, UpdateJob> change, CancellationToken cancellationToken)
    {
        // Steps and results of one job arrive in order from one agent, but a retried request can race its
        // original: re-read and re-apply on a conflict instead of losing a step.
        for (var attempt = 0; ; attempt++)
        {
            var job = await jobs.GetAsync(jobId, cancellationToken);
            if (job is null || job.AgentId != agentId)
            {
                return false;
            }

            try
            {
                await jobs.UpdateAsync(change(job), cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
            }
        }
    }
}
