using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Updates;

/// <summary>
/// Puts the old container back after a failed or interrupted update: undoes every step the journal says was
/// started, each on its own so one failure does not skip the rest, then verifies the old container is back
/// under its name, running if it was. Every undo checks the engine's state first, so running it twice (after a
/// crash during the rollback) does nothing twice.
/// </summary>
internal sealed partial class UpdateRollback(IDockerClient docker, NamespaceDependents dependents, ILogger<UpdateRollback> logger)
{
    private static readonly TimeSpan RollbackTimeout = TimeSpan.FromMinutes(2);

    public async Task<UpdateOutcome> RollBackAsync(UpdateRun run, string failedStep, string reason)
    {
        var job = run.Job;
        if (run.Old is not { } old)
        {
            return UpdateOutcome.Failed(failedStep, reason);
        }

        // Rollback must finish even when the job was cancelled: bound it by time instead.
        using var timeout = new CancellationTokenSource(RollbackTimeout);
        var ct = timeout.Token;
        await run.BeginAsync(StepNames.Rollback, $"restoring {job.ContainerName}: {reason}");
        var problems = new List<string>();

        if (run.Created)
        {
            // By name, not by id: the create call may have succeeded without its answer arriving. Start-first and
            // blue-green create under a name of their own and may have moved it to the container's name already;
            // removing the new container takes back any alias a blue-green switch gave it.
            foreach (var name in new[] { job.ContainerName, Contracts.AsideName.ForIncoming(job.ContainerName, job.JobId) })
            {
                await UndoAsync($"remove the new container {name}", problems, async () =>
                {
                    try
                    {
                        var holder = await docker.Containers.InspectContainerAsync(name, ct);
                        if (holder.ID != old.ID)
                        {
                            await docker.Containers.RemoveContainerAsync(holder.ID, new ContainerRemoveParameters { Force = true }, ct);
                        }
                    }
                    catch (DockerContainerNotFoundException)
                    {
                        // Nothing holds the name: that container was never created, or is removed already.
                    }
                });
            }

            // A move to a newer tag never moved the old tag (the new tag stays on what its registry serves); a pinned reference has none.
            if (UpdateTarget.Of(job) is { MovesTag: false, Pinned: false })
            {
                var image = ImageName.Parse(job.Image);
                await UndoAsync("point the tag back", problems, () =>
                    docker.Images.TagImageAsync(old.Image, new ImageTagParameters { RepositoryName = image.Repository, Tag = image.Tag, Force = true }, ct));
            }
        }

        if (run.Renamed)
        {
            await UndoAsync("rename the old container back", problems, async () =>
            {
                var current = await docker.Containers.InspectContainerAsync(old.ID, ct);
                if (current.Name.TrimStart('/') != job.ContainerName)
                {
                    await docker.Containers.RenameContainerAsync(old.ID, new ContainerRenameParameters { NewName = job.ContainerName }, ct);
                }
            });
        }

        if (run.WasRunning)
        {
            await UndoAsync("start the old container", problems, async () =>
            {
                var current = await docker.Containers.InspectContainerAsync(old.ID, ct);
                if (!current.State.Running)
                {
                    await docker.Containers.StartContainerAsync(old.ID, new ContainerStartParameters(), ct);
                }
            });
        }

        await UndoAsync("verify", problems, async () =>
        {
            var restored = await docker.Containers.InspectContainerAsync(job.ContainerName, ct);
            if (restored.ID != old.ID || (run.WasRunning && !restored.State.Running))
            {
                throw new InvalidOperationException($"{job.ContainerName} is not the old container running again (state {restored.State.Status})");
            }
        });

        if (problems.Count > 0)
        {
            var why = $"{reason}; rollback failed: {string.Join("; ", problems)}";
            LogRollbackFailed(job.ContainerName, run.Renamed ? run.AsideName : job.ContainerName, why);
            await run.FailAsync(why);
            return UpdateOutcome.Failed(failedStep, why);
        }

        // Containers sharing its namespaces still sit in the ones it had before it stopped: restart them to rejoin it.
        var rejoined = run.Dependents is { Count: > 0 } found ? NamespaceDependents.Problems(await dependents.RejoinAsync(found, ct)) : null;
        await run.SucceedAsync($"{job.ContainerName} runs its previous image again{(rejoined is null ? "" : "; " + rejoined)}");
        LogRolledBack(job.ContainerName, failedStep, reason);
        return UpdateOutcome.RolledBack(failedStep, rejoined is null ? reason : $"{reason}; {rejoined}", PreviousDigest(run));
    }

    private static async Task UndoAsync(string what, List<string> problems, Func<Task> undo)
    {
        try
        {
            await undo();
        }
        catch (Exception e)
        {
            problems.Add($"{what}: {DockerErrors.Describe(e)}");
        }
    }

    /// <summary>The digest the restored container runs, from its image's RepoDigests in the job's repository.</summary>
    private static string? PreviousDigest(UpdateRun run)
    {
        var prefix = ImageName.Parse(run.Job.Image).Repository + "@";
        return run.OldImage?.RepoDigests?.FirstOrDefault(d => d.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolled back {Container} at step {Step}: {Reason}")]
    private partial void LogRolledBack(string container, string step, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Rollback of {Container} failed; the old container is {AsideName}: {Reason}")]
    private partial void LogRollbackFailed(string container, string asideName, string reason);
}
