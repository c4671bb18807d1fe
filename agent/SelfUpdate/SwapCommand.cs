using System.Runtime.InteropServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Journal;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.SelfUpdate;

/// <summary>
/// Swap mode (<c>Dockward.Agent.dll swap &lt;jobId&gt;</c>), run inside the helper container the agent starts
/// to update its own container: ends the job from its journal without the control plane and without the
/// workers. Nothing but the job and its hand-over: the update is run; more (the helper was restarted): it is
/// finished or rolled back as after any restart; an outcome already: nothing to do. The helper then removes itself.
/// </summary>
internal sealed partial class SwapCommand(
    IDockerClient docker, UpdateJournal journals, ContainerUpdater updater, UpdateRecovery recovery, OwnContainer own, ILogger<SwapCommand> logger)
{
    /// <summary>0 once the journal holds an outcome (or is gone: already reported); 1 otherwise, for the restart policy.</summary>
    public async Task<int> RunAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!UpdateJournal.IsValidJobId(jobId))
        {
            LogBadJobId(jobId);
            return 2;
        }

        var journal = journals.Pending().FirstOrDefault(j => j.Job.JobId == jobId);
        if (journal is null)
        {
            LogNoJournal(jobId);
            await RemoveSelfAsync();
            return 0;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["Container"] = journal.Job.ContainerName });
        if (journal.Result is null)
        {
            var steps = new LoggedSteps(jobId, logger);
            var outcome = await (SelfUpdateHandOver.HasUpdateSteps(journal)
                ? recovery.ResumeAsync(journal, steps, cancellationToken)
                : updater.UpdateAsync(journal, steps, cancellationToken));
            LogEnded(jobId, journal.Job.ContainerName, outcome.Outcome);
        }

        await RemoveSelfAsync();
        return 0;
    }

    /// <summary>
    /// A finished helper removes itself (forced: it is the container being removed, so the call may never
    /// answer). The agent removes one left behind at its next start.
    /// </summary>
    private async Task RemoveSelfAsync()
    {
        if (own.Id is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await docker.Containers.RemoveContainerAsync(own.Id, new ContainerRemoveParameters { Force = true }, timeout.Token);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            LogNotRemoved(e.Message);
        }
    }

    /// <summary>Runs swap mode for <paramref name="jobId"/> on the agent's services (no hosted workers); SIGTERM cuts the update short, which then rolls back.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string jobId)
    {
        using var stopping = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true; // the rollback finishes before the process ends
            stopping.Cancel();
        });
        return await services.GetRequiredService<SwapCommand>().RunAsync(jobId, stopping.Token);
    }

    /// <summary>The helper has no control plane to report to: steps are logged, and the next agent delivers them from the journal.</summary>
    private sealed class LoggedSteps(string jobId, ILogger logger) : IStepReporter
    {
        public Task ReportAsync(JobStepReport step, CancellationToken cancellationToken)
        {
            logger.LogInformation("Job {JobId} {Step} {Status}: {Message}", jobId, step.Step, step.Status, step.Message);
            return Task.CompletedTask;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Swap mode was given '{JobId}', which is not a job id")]
    private partial void LogBadJobId(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} has no journal here: it has ended and been reported already")]
    private partial void LogNoJournal(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} on the agent's own container {Container} ended {Outcome}")]
    private partial void LogEnded(string jobId, string container, JobOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The helper could not remove itself ({Error}); the agent removes it at its next start")]
    private partial void LogNotRemoved(string error);
}
