using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Updates;

/// <summary>
/// Carries one update through to success or rollback: pull by digest, run the pre-update hook, stop the old
/// container and rename it aside, create the new one under the old name from the old one's configuration,
/// start it, gate it on health, run the post-update hook, remove the old one (and, if asked, previous images),
/// or, on any failure before the gate passed, put the old one back exactly as it was.
/// </summary>
internal sealed partial class ContainerUpdater(
    IDockerClient docker, HealthGate gate, HookRunner hookRunner, ImagePruner pruner, IOptions<AgentOptions> options, ILogger<ContainerUpdater> logger)
{
    private static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RollbackTimeout = TimeSpan.FromMinutes(2);

    public async Task<UpdateOutcome> UpdateAsync(JobAssignment job, IStepReporter steps, CancellationToken cancellationToken)
    {
        var run = new UpdateRun(job, steps);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Container"] = job.ContainerName });
        try
        {
            return await RunAsync(run, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever went wrong (engine error, lost connection, the agent stopping), the container goes back.
            var reason = e is OperationCanceledException && cancellationToken.IsCancellationRequested ? "the agent is stopping" : DockerError(e);
            await run.FailAsync(reason);
            return await RollBackAsync(run, reason);
        }
    }

    private async Task<UpdateOutcome> RunAsync(UpdateRun run, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var image = ImageName.Parse(job.Image);

        await run.BeginAsync("inspect", $"inspecting {job.ContainerName}");
        ContainerInspectResponse old;
        try
        {
            old = await docker.Containers.InspectContainerAsync(job.ContainerName, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return await RefuseAsync(run, $"no container named {job.ContainerName} on this host");
        }

        if (old.HostConfig.AutoRemove)
        {
            return await RefuseAsync(run, "it was started with --rm: Docker deletes it when it stops, so it cannot be updated without losing it");
        }

        if (old.Config.Image != job.Image)
        {
            return await RefuseAsync(run, $"it now runs {old.Config.Image}, not {job.Image}: it was recreated after the update was queued");
        }

        var (hooks, hookError) = UpdateHooks.Read(old.Config.Labels);
        var (keepImages, keepError) = OldImages.Read(old.Config.Labels);
        if (hooks is null || keepError is not null)
        {
            return await RefuseAsync(run, hookError ?? keepError!);
        }

        run.Old = old;
        run.OldImage = await docker.Images.InspectImageAsync(old.Image, cancellationToken);
        run.WasRunning = old.State.Running || old.State.Restarting;
        if (run.OldImage.RepoDigests?.Contains(image.WithDigest(job.TargetDigest)) == true)
        {
            await run.SucceedAsync("already runs the target digest");
            return UpdateOutcome.Succeeded(job.TargetDigest, "already up to date");
        }

        await run.SucceedAsync($"runs {Short(old.Image)}, {(run.WasRunning ? "running" : old.State.Status)}");

        await run.BeginAsync("pull", $"pulling {image.WithDigest(job.TargetDigest)}");
        var newImage = await PullAsync(image, job.TargetDigest, cancellationToken);
        if (newImage.ID == old.Image)
        {
            await run.SucceedAsync("the target digest is the image it already runs");
            return UpdateOutcome.Succeeded(job.TargetDigest, "already up to date");
        }

        await run.SucceedAsync($"pulled {Short(newImage.ID)}");

        if (hooks.PreUpdate is { } preUpdate && old.State.Running)
        {
            await run.BeginAsync("pre-update", $"running the pre-update hook in {job.ContainerName}");
            if (await RunHookAsync(old.ID, preUpdate, hooks.Timeout, cancellationToken) is { } failed)
            {
                // Nothing has been changed yet: the container keeps running as it was.
                return await RefuseAsync(run, $"the pre-update hook failed, so the update did not start: {failed}");
            }

            await run.SucceedAsync(null);
        }

        // From here the container is being changed: these steps are not abandoned half-way when the agent is
        // asked to stop (each engine call is bounded by the client's timeout); only the gate can be cut short,
        // and then the rollback puts the old container back.
        var ct = CancellationToken.None;
        if (run.WasRunning)
        {
            await run.BeginAsync("stop", $"stopping {job.ContainerName}");
            run.Stopped = true;
            await docker.Containers.StopContainerAsync(old.ID, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)(old.Config.StopTimeout?.TotalSeconds ?? 10) }, ct);
            await run.SucceedAsync(null);
        }

        await run.BeginAsync("rename", $"moving the old container aside as {run.AsideName}");
        run.Renamed = true;
        await docker.Containers.RenameContainerAsync(old.ID, new ContainerRenameParameters { NewName = run.AsideName }, ct);
        await run.SucceedAsync(null);

        await run.BeginAsync("create", $"creating {job.ContainerName} from {image}");
        // The tag moves to the new image so the new container shows (and is later checked by) the same reference.
        run.Retagged = true;
        await docker.Images.TagImageAsync(newImage.ID, new ImageTagParameters { RepositoryName = image.Repository, Tag = image.Tag, Force = true }, ct);
        var plan = RecreatePlan.From(old, run.OldImage, old.Config.Image);
        run.Created = true;
        var created = await docker.Containers.CreateContainerAsync(plan.Create, ct);
        foreach (var (network, endpoint) in plan.ExtraNetworks)
        {
            await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = created.ID, EndpointConfig = endpoint }, ct);
        }

        var fresh = await docker.Containers.InspectContainerAsync(created.ID, ct);
        if (fresh.Image != newImage.ID)
        {
            throw new InvalidOperationException($"the new container runs {Short(fresh.Image)}, not the pulled {Short(newImage.ID)}");
        }

        await run.SucceedAsync($"created {created.ID[..12]}");

        if (run.WasRunning)
        {
            await run.BeginAsync("start", $"starting {job.ContainerName}");
            var startedAt = DateTimeOffset.UtcNow; // the engine's clock: its events are read from here
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            await run.SucceedAsync(null);

            await run.BeginAsync("gate", "waiting for the new container to prove healthy");
            if (await gate.WaitAsync(created.ID, job.Gate, startedAt, cancellationToken) is { } unhealthy)
            {
                await run.FailAsync(unhealthy);
                return await RollBackAsync(run, unhealthy);
            }

            await run.SucceedAsync("healthy");
        }

        string? postUpdateProblem = null;
        if (hooks.PostUpdate is { } postUpdate && run.WasRunning)
        {
            await run.BeginAsync("post-update", $"running the post-update hook in {job.ContainerName}");
            // Past the gate the update is not undone for an agent that is stopping: the hook's own timeout bounds the wait.
            postUpdateProblem = await RunHookAsync(created.ID, postUpdate, hooks.Timeout, ct);
            if (postUpdateProblem is null)
            {
                await run.SucceedAsync(null);
            }
            else
            {
                // The new container passed its gate; a hook after the fact reports, it does not undo the update.
                postUpdateProblem = $"updated, but the post-update hook failed: {postUpdateProblem}";
                await run.FailAsync(postUpdateProblem);
            }
        }

        // The new container passed its gate: from here the update stands whatever happens to the old one.
        await run.BeginAsync("cleanup", $"removing the old container {run.AsideName}");
        try
        {
            await docker.Containers.RemoveContainerAsync(old.ID, new ContainerRemoveParameters { RemoveVolumes = false }, ct);
        }
        catch (Exception e)
        {
            var note = $"updated, but the old container is left as {run.AsideName}: {DockerError(e)}";
            await run.FailAsync(note);
            return UpdateOutcome.Succeeded(job.TargetDigest, postUpdateProblem is null ? note : $"{postUpdateProblem}; {note}");
        }

        await run.SucceedAsync($"{job.ContainerName} runs {job.TargetDigest}");
        LogUpdated(job.ContainerName, job.TargetDigest);
        var pruneProblem = keepImages is { } keep ? await PruneImagesAsync(run, image, newImage.ID, keep) : null;
        var notes = new[] { postUpdateProblem, pruneProblem }.OfType<string>().ToList();
        return UpdateOutcome.Succeeded(job.TargetDigest, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private async Task<ImageInspectResponse> PullAsync(ImageName image, string digest, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PullTimeout);
        var progress = new PullProgress();
        await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image.Repository, Tag = digest }, LoginFor(image), progress, timeout.Token);
        if (progress.Error is { } error)
        {
            throw new InvalidOperationException($"pull of {image.WithDigest(digest)} failed: {error}");
        }

        return await docker.Images.InspectImageAsync(image.WithDigest(digest), cancellationToken);
    }

    /// <summary>After a final update: the repository's older images beyond the newest <paramref name="keep"/>; a problem is reported, never undone.</summary>
    private async Task<string?> PruneImagesAsync(UpdateRun run, ImageName image, string currentImageId, int keep)
    {
        await run.BeginAsync("prune-images", $"removing previous images of {image.Repository} beyond the newest {keep}");
        try
        {
            using var timeout = new CancellationTokenSource(RollbackTimeout);
            var result = await pruner.PruneAsync(image, currentImageId, keep, timeout.Token);
            if (result.Problems.Count == 0)
            {
                await run.SucceedAsync($"removed {result.Removed.Count} previous image(s)");
                return null;
            }

            var problem = $"updated, but some previous images stay: {string.Join("; ", result.Problems)}";
            await run.FailAsync(problem);
            return problem;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or OperationCanceledException)
        {
            var problem = $"updated, but previous images were not removed: {DockerError(e)}";
            await run.FailAsync(problem);
            return problem;
        }
    }

    /// <summary>Runs a hook; an engine error counts as the hook failing, with the engine's reason.</summary>
    private async Task<string?> RunHookAsync(string containerId, string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await hookRunner.RunAsync(containerId, command, timeout, cancellationToken);
        }
        catch (DockerApiException e)
        {
            return $"'{command}' could not be run: {DockerError(e)}";
        }
    }

    /// <summary>The configured credentials for the image's registry, or none (anonymous).</summary>
    private AuthConfig LoginFor(ImageName image) =>
        options.Value.Registries.FirstOrDefault(r => string.Equals(r.Host, image.Registry, StringComparison.OrdinalIgnoreCase)) is { } login
            ? new AuthConfig { ServerAddress = login.Host, Username = login.Username, Password = login.Password }
            : new AuthConfig();

    /// <summary>Ends the job before anything was changed.</summary>
    private static async Task<UpdateOutcome> RefuseAsync(UpdateRun run, string reason)
    {
        await run.FailAsync(reason);
        return UpdateOutcome.Failed(run.Step, reason);
    }

    /// <summary>
    /// Undoes whatever the run may have done, each undo on its own so one failure does not skip the rest,
    /// then verifies the old container is back under its name, running if it was.
    /// </summary>
    private async Task<UpdateOutcome> RollBackAsync(UpdateRun run, string reason)
    {
        var failedStep = run.Step;
        var job = run.Job;
        if (run.Old is not { } old)
        {
            return UpdateOutcome.Failed(failedStep, reason);
        }

        // Rollback must finish even when the job was cancelled: bound it by time instead.
        using var timeout = new CancellationTokenSource(RollbackTimeout);
        var ct = timeout.Token;
        await run.BeginAsync("rollback", $"restoring {job.ContainerName}: {reason}");
        var problems = new List<string>();

        if (run.Created)
        {
            await UndoAsync("remove the new container", problems, async () =>
            {
                // By name, not by id: the create call may have succeeded without its answer arriving.
                var holder = await docker.Containers.InspectContainerAsync(job.ContainerName, ct);
                if (holder.ID != old.ID)
                {
                    await docker.Containers.RemoveContainerAsync(holder.ID, new ContainerRemoveParameters { Force = true }, ct);
                }
            });
        }

        if (run.Retagged)
        {
            var image = ImageName.Parse(job.Image);
            await UndoAsync("point the tag back", problems, () =>
                docker.Images.TagImageAsync(old.Image, new ImageTagParameters { RepositoryName = image.Repository, Tag = image.Tag, Force = true }, ct));
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
            await UndoAsync("start the old container", problems, () =>
                docker.Containers.StartContainerAsync(old.ID, new ContainerStartParameters(), ct));
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

        await run.SucceedAsync($"{job.ContainerName} runs its previous image again");
        LogRolledBack(job.ContainerName, failedStep, reason);
        return UpdateOutcome.RolledBack(failedStep, reason, PreviousDigest(run));
    }

    private static async Task UndoAsync(string what, List<string> problems, Func<Task> undo)
    {
        try
        {
            await undo();
        }
        catch (DockerContainerNotFoundException) when (what == "remove the new container")
        {
            // Nothing holds the name: the new container was never created.
        }
        catch (Exception e)
        {
            problems.Add($"{what}: {DockerError(e)}");
        }
    }

    /// <summary>The digest the restored container runs, from its image's RepoDigests in the job's repository.</summary>
    private static string? PreviousDigest(UpdateRun run)
    {
        var prefix = ImageName.Parse(run.Job.Image).Repository + "@";
        return run.OldImage?.RepoDigests?.FirstOrDefault(d => d.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    private static string Short(string imageId) => imageId.Length > 19 ? imageId[..19] : imageId;

    private static string DockerError(Exception e) => e switch
    {
        DockerApiException api => $"Docker engine: {api.ResponseBody?.Trim() ?? api.Message} ({(int)api.StatusCode})",
        _ => e.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {Container} to {Digest}")]
    private partial void LogUpdated(string container, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolled back {Container} at step {Step}: {Reason}")]
    private partial void LogRolledBack(string container, string step, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Rollback of {Container} failed; the old container is {AsideName}: {Reason}")]
    private partial void LogRollbackFailed(string container, string asideName, string reason);
}
