using Dockward.Agent.Commands;
using Dockward.Agent.ControlPlane;
using Dockward.Agent.Journal;
using Dockward.Agent.SelfUpdate;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Jobs;

/// <summary>
/// Ends whatever the journal says was in flight when the agent last stopped, then long-polls the control plane
/// for jobs and runs them one at a time, journaling and reporting every step and the outcome. Results not yet
/// delivered are sent before each poll.
/// </summary>
internal sealed class JobRunner(
    IControlPlaneApi api,
    AgentSession session,
    ContainerUpdater updater,
    UpdateRecovery recovery,
    UpdateJournal journals,
    JobDelivery delivery,
    SelfUpdateHandOver selfUpdate,
    UpdatesInProgress inProgress,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var identity = await session.GetAsync(stoppingToken);
            try
            {
                foreach (var finished in journals.Pending().Where(j => j.Result is not null))
                {
                    if (!await delivery.DeliverAsync(identity.AgentId, finished, stoppingToken))
                    {
                        throw new HttpRequestException("the control plane did not take an earlier job's result");
                    }
                }

                var response = await api.WaitForJobAsync(identity.AgentId, options.Value.JobWaitSeconds, stoppingToken);
                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    session.Reject(identity);
                    continue;
                }

                if (!response.IsSuccessful)
                {
                    throw response.Error!;
                }

                backoff = TimeSpan.FromSeconds(1);
                if (response.Content is { } job)
                {
                    await RunAsync(identity, job, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Job poll failed ({Error}); retrying in {Delay}", e.Message, backoff);
                await Task.Delay(backoff, clock, stoppingToken);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
        }
    }

    /// <summary>
    /// Finishes or rolls back every update the journal shows in flight, before anything else and without the
    /// control plane: an agent cut off from it still puts its containers right. The results are reported later.
    /// </summary>
    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        foreach (var journal in journals.Pending().Where(j => j.Result is null))
        {
            using var working = inProgress.Begin(journal.Job.ContainerName);
            var attempt = 0;
            while (true)
            {
                try
                {
                    // An update of the agent's own container is a helper's (this agent may be the new one it is gating).
                    if (await selfUpdate.IsSelfUpdateAsync(journal, stoppingToken))
                    {
                        await selfUpdate.HandOverAsync(journal, new LoggingStepReporter(journal.Job.JobId, logger), stoppingToken);
                    }
                    else
                    {
                        await recovery.ResumeAsync(journal, new LoggingStepReporter(journal.Job.JobId, logger), stoppingToken);
                    }

                    break;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The engine is not answering yet (the host is booting, dockerd restarting): the journal waits.
                    var delay = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt++, 5)));
                    logger.LogError("Cannot recover job {JobId} yet ({Error}); retrying in {Delay}", journal.Job.JobId, e.Message, delay);
                    await Task.Delay(delay, clock, stoppingToken);
                }
            }
        }

        try
        {
            await selfUpdate.RemoveFinishedHelpersAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not remove finished self-update helpers ({Error}); trying again at the next start", e.Message);
        }
    }

    private async Task RunAsync(AgentIdentity identity, JobAssignment job, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Container"] = job.ContainerName });
        if (!UpdateJournal.IsValidJobId(job.JobId))
        {
            logger.LogError("The control plane handed out a job with an id that is not one of its own ({JobId}); ignoring it", job.JobId);
            return;
        }

        logger.LogInformation("Job {JobId}: update {Container} to {Image} at {Digest}", job.JobId, job.ContainerName, job.TargetImage ?? job.Image, job.TargetDigest);
        // Until it has an outcome, start, stop and restart commands of this container are refused.
        using var working = inProgress.Begin(job.ContainerName);
        var journal = journals.Begin(job);
        if (journal.Result is null && await selfUpdate.IsSelfUpdateAsync(journal, stoppingToken))
        {
            // Not in this process: the helper stops this agent's container. The result is reported by whichever
            // agent runs afterwards, or here if the helper ends the job without touching this container.
            await selfUpdate.HandOverAsync(journal, new ControlPlaneStepReporter(api, identity.AgentId, journal, logger), stoppingToken);
            if (journal.Result is null)
            {
                if (await selfUpdate.WaitForOutcomeAsync(journal, stoppingToken) is not { } ended)
                {
                    return;
                }

                journal = ended;
            }
        }
        else if (journal.Result is null)
        {
            var steps = new ControlPlaneStepReporter(api, identity.AgentId, journal, logger);
            await (journal.Entries.Count > 1
                ? recovery.ResumeAsync(journal, steps, stoppingToken) // handed out again while its journal was still here
                : updater.UpdateAsync(journal, steps, stoppingToken));
        }

        working.Dispose();

        // The outcome must reach the control plane; retry it a while, then leave it to the next poll.
        for (var attempt = 1; attempt <= 5 && !await delivery.DeliverAsync(identity.AgentId, journal, CancellationToken.None); attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(attempt), clock, CancellationToken.None);
        }
    }

    /// <summary>
    /// Reports steps to the control plane as they happen. A report is bounded to a few seconds and its failure is
    /// only logged: progress reports must never hold up an update that has a container stopped. After one report
    /// failed, the rest of the job's steps are not sent live (a control plane that drops packets would otherwise
    /// add seconds to every step); they are delivered from the journal with the result.
    /// </summary>
    private sealed class ControlPlaneStepReporter(IControlPlaneApi api, string agentId, JobJournal journal, ILogger logger) : IStepReporter
    {
        private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(5);
        private bool unreachable;

        public async Task ReportAsync(JobStepReport step, CancellationToken cancellationToken)
        {
            logger.LogInformation("Job {JobId} {Step} {Status}: {Message}", journal.Job.JobId, step.Step, step.Status, step.Message);
            if (unreachable)
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReportTimeout);
            try
            {
                await api.ReportStepAsync(agentId, journal.Job.JobId, step, timeout.Token);
                if (step.Sequence is { } sequence)
                {
                    journal.MarkDelivered(sequence);
                }
            }
            catch (Exception e)
            {
                unreachable = true;
                logger.LogWarning("Could not report step {Step} of job {JobId} ({Error}); the job's steps are sent with its result", step.Step, journal.Job.JobId, e.Message);
            }
        }
    }

    /// <summary>Steps of a recovery, which runs before the control plane is reached: logged now, delivered from the journal later.</summary>
    private sealed class LoggingStepReporter(string jobId, ILogger logger) : IStepReporter
    {
        public Task ReportAsync(JobStepReport step, CancellationToken cancellationToken)
        {
            logger.LogInformation("Job {JobId} {Step} {Status}: {Message}", jobId, step.Step, step.Status, step.Message);
            return Task.CompletedTask;
        }
    }
}
