using Dockward.Agent.ControlPlane;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Jobs;

/// <summary>Long-polls the control plane for jobs and runs them one at a time, reporting every step and the outcome.</summary>
internal sealed class JobRunner(
    IControlPlaneApi api,
    AgentSession session,
    ContainerUpdater updater,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var identity = await session.GetAsync(stoppingToken);
            try
            {
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

    private async Task RunAsync(AgentIdentity identity, JobAssignment job, CancellationToken stoppingToken)
    {
        logger.LogInformation("Job {JobId}: update {Container} to {Digest}", job.JobId, job.ContainerName, job.TargetDigest);
        var steps = new ControlPlaneStepReporter(api, identity.AgentId, job.JobId, clock, logger);
        var outcome = await updater.UpdateAsync(job, steps, stoppingToken);
        var result = new JobResultReport(outcome.Outcome, outcome.FailedStep, outcome.Reason, outcome.RunningDigest);

        // The outcome must reach the control plane; retry it a while rather than leave the job "running".
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await api.ReportResultAsync(identity.AgentId, job.JobId, result, CancellationToken.None);
                return;
            }
            catch (Exception e) when (attempt < 10)
            {
                logger.LogWarning("Could not report the result of job {JobId} ({Error}); retry {Attempt}", job.JobId, e.Message, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock, CancellationToken.None);
            }
        }
    }

    /// <summary>Reports steps to the control plane; a failed report is logged, never fatal to the update.</summary>
    private sealed class ControlPlaneStepReporter(IControlPlaneApi api, string agentId, string jobId, TimeProvider clock, ILogger logger) : IStepReporter
    {
        public async Task ReportAsync(string step, StepStatus status, string? message, CancellationToken cancellationToken)
        {
            logger.LogInformation("Job {JobId} {Step} {Status}: {Message}", jobId, step, status, message);
            try
            {
                await api.ReportStepAsync(agentId, jobId, new JobStepReport(step, status, message, clock.GetUtcNow()), cancellationToken);
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not report step {Step} of job {JobId}: {Error}", step, jobId, e.Message);
            }
        }
    }
}
