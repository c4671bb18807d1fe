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
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Container"] = job.ContainerName });
        logger.LogInformation("Job {JobId}: update {Container} to {Digest}", job.JobId, job.ContainerName, job.TargetDigest);
        var steps = new ControlPlaneStepReporter(api, identity.AgentId, job.JobId, clock, logger);
        var outcome = await updater.UpdateAsync(job, steps, stoppingToken);
        var result = new JobResultReport(outcome.Outcome, outcome.FailedStep, ReportLimits.Truncate(outcome.Reason), outcome.RunningDigest);

        // The outcome must reach the control plane; retry it a while rather than leave the job "running".
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await api.ReportResultAsync(identity.AgentId, job.JobId, result, CancellationToken.None);
                return;
            }
            catch (Refit.ApiException e) when ((int)e.StatusCode is >= 400 and < 500)
            {
                // Refused as it is: sending it again would be refused again.
                logger.LogError("The control plane refused the result of job {JobId}: {Status} {Error}", job.JobId, (int)e.StatusCode, e.Content);
                return;
            }
            catch (Exception e) when (attempt < 10)
            {
                logger.LogWarning("Could not report the result of job {JobId} ({Error}); retry {Attempt}", job.JobId, e.Message, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Reports steps to the control plane. A report is bounded to a few seconds and its failure is only logged:
    /// progress reports must never hold up an update that has a container stopped.
    /// </summary>
    private sealed class ControlPlaneStepReporter(IControlPlaneApi api, string agentId, string jobId, TimeProvider clock, ILogger logger) : IStepReporter
    {
        private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(5);

        public async Task ReportAsync(string step, StepStatus status, string? message, CancellationToken cancellationToken)
        {
            logger.LogInformation("Job {JobId} {Step} {Status}: {Message}", jobId, step, status, message);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReportTimeout);
            try
            {
                var report = new JobStepReport(step, status, ReportLimits.Truncate(message), clock.GetUtcNow());
                await api.ReportStepAsync(agentId, jobId, report, timeout.Token);
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not report step {Step} of job {JobId}: {Error}", step, jobId, e.Message);
            }
        }
    }
}
