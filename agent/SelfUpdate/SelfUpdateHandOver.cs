using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Agent.Journal;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.SelfUpdate;

/// <summary>
/// Updates of the agent's own container, which the agent cannot carry out itself (stopping its container ends
/// it mid-update). The job is journaled as usual and handed to a short-lived helper container: the agent's own
/// image, the agent's volumes (engine socket, data directory with the journal), run in swap mode
/// (<see cref="SwapCommand"/>). The helper runs the ordinary update (stop-first: the same health gate and
/// rollback), so the host is only ever without a running agent for the stop-to-start gap; the agent that runs
/// afterwards, new or restored, reports the journaled outcome.
/// </summary>
internal sealed partial class SelfUpdateHandOver(
    IDockerClient docker, OwnContainer own, UpdateJournal journals, IOptions<AgentOptions> options, TimeProvider clock, ILogger<SelfUpdateHandOver> logger)
{
    /// <summary>Label on a helper container: the job it carries out.</summary>
    public const string JobLabel = "dockward.swap.job";

    /// <summary>Label on a helper container: the agent container it updates.</summary>
    public const string AgentLabel = "dockward.swap.agent";

    /// <summary>The first argument that starts the agent in swap mode; the second is the job id.</summary>
    public const string SwapArgument = "swap";

    // A helper that crashes is restarted and resumes from the journal; a few times, not for ever.
    private const long HelperRetries = 5;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// True when <paramref name="journal"/>'s job is this agent's to hand over: it updates the container the agent
    /// runs in, or a helper was already started for it (the name then belongs to the new or restored agent).
    /// </summary>
    public async Task<bool> IsSelfUpdateAsync(JobJournal journal, CancellationToken cancellationToken)
    {
        if (own.Id is null)
        {
            return false;
        }

        if (await FindHelperAsync(journal.Job.JobId, cancellationToken) is not null)
        {
            return true;
        }

        try
        {
            var target = await docker.Containers.InspectContainerAsync(journal.Job.ContainerName, cancellationToken);
            return target.ID == own.Id;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Makes sure a helper carries out the job: starts one unless one is running (or restarting) already. A helper
    /// that has exited without the job's outcome (it gave up after its restarts, or was stopped) is replaced.
    /// Starting a helper is the journaled step <c>hand-over</c>, written in full before the helper starts (the
    /// helper then writes to the same journal). A helper that cannot be created ends a job that has changed
    /// nothing yet as failed; later, the error is thrown and the hand-over tried again.
    /// </summary>
    public async Task HandOverAsync(JobJournal journal, IStepReporter steps, CancellationToken cancellationToken)
    {
        var job = journal.Job;
        if (await FindHelperAsync(job.JobId, cancellationToken) is { } existing)
        {
            if (existing.State is "running" or "restarting" or "created")
            {
                LogHelperRunning(job.JobId, existing.ID[..12]);
                if (existing.State == "created")
                {
                    await docker.Containers.StartContainerAsync(existing.ID, new ContainerStartParameters(), cancellationToken);
                }

                return;
            }

            await docker.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }

        var untouched = !HasUpdateSteps(journal);
        var run = new UpdateRun(journal, steps, clock);
        await run.BeginAsync(StepNames.HandOver, $"{job.ContainerName} is the agent's own container: handing the update to a helper container");
        string helper;
        try
        {
            var self = await docker.Containers.InspectContainerAsync(own.Id!, cancellationToken);
            var name = AsideName.ForSwap(self.Name.TrimStart('/'), job.JobId);
            helper = (await docker.Containers.CreateContainerAsync(HelperFor(self, name, job.JobId), cancellationToken)).ID;
            await run.SucceedAsync($"created helper {name}");
        }
        catch (Exception e) when (untouched && e is DockerApiException or HttpRequestException)
        {
            var reason = $"the helper container could not be created, so the agent's own container was left as it was: {DockerErrors.Describe(e)}";
            await run.FailAsync(reason);
            run.End(UpdateOutcome.Failed(StepNames.HandOver, reason));
            return;
        }

        await docker.Containers.StartContainerAsync(helper, new ContainerStartParameters(), cancellationToken);
        LogHandedOver(job.JobId, job.ContainerName, helper[..12]);
    }

    /// <summary>True once the journal shows update steps beyond handing over: the helper has begun, and a new one resumes rather than starts over.</summary>
    public static bool HasUpdateSteps(JobJournal journal) =>
        journal.Entries.Any(e => e.Kind != JournalEntryKind.Begin && !(e.Kind == JournalEntryKind.Step && e.Step == StepNames.HandOver));

    /// <summary>
    /// Waits until the helper has journaled the job's outcome and returns the journal as it is then; null when the
    /// agent is stopping (normally: the helper stopping it to swap it) or the helper ended without an outcome (the
    /// journal then stays, and the next agent start hands it over again).
    /// </summary>
    public async Task<JobJournal?> WaitForOutcomeAsync(JobJournal journal, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(PollInterval, clock, cancellationToken);
                if (!File.Exists(journal.Path))
                {
                    return null; // delivered by someone else (an agent restored in the meantime)
                }

                if (JobJournal.Read(journal.Path, Warn) is { Result: not null } ended)
                {
                    return ended;
                }

                if (await FindHelperAsync(journal.Job.JobId, cancellationToken) is not { State: "running" or "restarting" or "created" })
                {
                    LogHelperGone(journal.Job.JobId);
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Removes exited helpers whose job has ended (outcome journaled or already reported): normally a helper removes itself.</summary>
    public async Task RemoveFinishedHelpersAsync(CancellationToken cancellationToken)
    {
        if (own.Id is null)
        {
            return;
        }

        var pending = journals.Pending().ToDictionary(j => j.Job.JobId, StringComparer.Ordinal);
        foreach (var helper in await ListHelpersAsync(null, cancellationToken))
        {
            var jobId = helper.Labels[JobLabel];
            var ended = !pending.TryGetValue(jobId, out var journal) || journal.Result is not null;
            if (helper.State == "exited" && ended)
            {
                await docker.Containers.RemoveContainerAsync(helper.ID, new ContainerRemoveParameters(), cancellationToken);
                LogRemovedHelper(helper.Names.FirstOrDefault() ?? helper.ID, jobId);
            }
        }
    }

    /// <summary>
    /// The helper: the agent's current image (present locally, it holds the agent), its environment, user and
    /// groups (the socket's group), and its volumes and binds by <c>VolumesFrom</c>. No network unless the engine
    /// is reached over TCP. <c>on-failure</c> rather than <c>AutoRemove</c> (the engine refuses both together): a
    /// crashed helper resumes from the journal, and a finished one removes itself.
    /// </summary>
    private CreateContainerParameters HelperFor(ContainerInspectResponse self, string name, string jobId)
    {
        var overTcp = options.Value.DockerEndpoint.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase);
        return new CreateContainerParameters
        {
            Name = name,
            Image = self.Image,
            Entrypoint = self.Config.Entrypoint,
            Cmd = [SwapArgument, jobId],
            Env = self.Config.Env,
            User = self.Config.User,
            WorkingDir = self.Config.WorkingDir,
            Labels = new Dictionary<string, string> { [JobLabel] = jobId, [AgentLabel] = self.ID },
            // Asked to stop, the helper rolls back first (bounded to 2 minutes): the engine must not kill it sooner.
            StopTimeout = TimeSpan.FromMinutes(3),
            HostConfig = new HostConfig
            {
                VolumesFrom = [self.ID],
                GroupAdd = self.HostConfig.GroupAdd,
                NetworkMode = overTcp ? self.HostConfig.NetworkMode : "none",
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = HelperRetries },
                LogConfig = self.HostConfig.LogConfig,
            },
        };
    }

    private async Task<ContainerListResponse?> FindHelperAsync(string jobId, CancellationToken cancellationToken) =>
        (await ListHelpersAsync(jobId, cancellationToken)).FirstOrDefault();

    private async Task<IList<ContainerListResponse>> ListHelpersAsync(string? jobId, CancellationToken cancellationToken) =>
        await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [jobId is null ? JobLabel : $"{JobLabel}={jobId}"] = true },
            },
        }, cancellationToken);

    private void Warn(string message) => logger.LogWarning("{Problem}", message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} updates the agent's own container {Container}: handed to helper {Helper}")]
    private partial void LogHandedOver(string jobId, string container, string helper);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is being carried out by helper {Helper}")]
    private partial void LogHelperRunning(string jobId, string helper);

    [LoggerMessage(Level = LogLevel.Error, Message = "The helper of job {JobId} ended without an outcome; the next agent start hands the job over again")]
    private partial void LogHelperGone(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed helper {Helper} of finished job {JobId}")]
    private partial void LogRemovedHelper(string helper, string jobId);
}
