using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Updates;

/// <summary>
/// Carries one update through to success or rollback: pull by digest, stop the old container and rename
/// it aside, create the new one under the old name from the old one's configuration, start it, gate it on
/// health, and remove the old one, or, on any failure, put the old one back exactly as it was.
/// </summary>
internal sealed partial class ContainerUpdater(IDockerClient docker, HealthGate gate, ILogger<ContainerUpdater> logger)
{
    public async Task<UpdateOutcome> UpdateAsync(JobAssignment job, IStepReporter steps, CancellationToken cancellationToken)
    {
        var run = new UpdateRun(job, steps);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Container"] = job.ContainerName });
        try
        {
            return await RunAsync(run, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            var reason = e is OperationCanceledException ? "the agent is stopping" : DockerError(e);
            await steps.ReportAsync(run.Step, StepStatus.Failed, reason, CancellationToken.None);
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
            await run.FailAsync($"no container named {job.ContainerName} on this host");
            return UpdateOutcome.Failed("inspect", $"no container named {job.ContainerName} on this host");
        }

        run.Old = old;
        run.OldImage = await docker.Images.InspectImageAsync(old.Image, cancellationToken);
        run.WasRunning = old.State.Running || old.State.Restarting;
        if (run.OldImage.RepoDigests?.Contains(image.WithDigest(job.TargetDigest)) == true)
        {
            await run.SucceedAsync("already runs the target digest");
            return UpdateOutcome.Succeeded(job.TargetDigest, "already up to date");
        }

        await run.SucceedAsync($"runs {old.Image[..19]}, {(run.WasRunning ? "running" : old.State.Status)}");

        await run.BeginAsync("pull", $"pulling {image.WithDigest(job.TargetDigest)}");
        var newImage = await PullAsync(image, job.TargetDigest, cancellationToken);
        await run.SucceedAsync($"pulled {newImage.ID[..19]}");

        if (run.WasRunning)
        {
            await run.BeginAsync("stop", $"stopping {job.ContainerName}");
            await docker.Containers.StopContainerAsync(old.ID, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)(old.Config.StopTimeout?.TotalSeconds ?? 10) }, cancellationToken);
            run.Stopped = true;
            await run.SucceedAsync(null);
        }

        await run.BeginAsync("rename", $"moving the old container aside as {run.AsideName}");
        await docker.Containers.RenameContainerAsync(old.ID, new ContainerRenameParameters { NewName = run.AsideName }, cancellationToken);
        run.Renamed = true;
        await run.SucceedAsync(null);

        await run.BeginAsync("create", $"creating {job.ContainerName} from {image}");
        // The tag moves to the new image so the new container shows (and is later checked by) the same reference.
        await docker.Images.TagImageAsync(newImage.ID, new ImageTagParameters { RepositoryName = image.Repository, Tag = image.Tag, Force = true }, cancellationToken);
        run.Retagged = true;
        var plan = RecreatePlan.From(old, run.OldImage, old.Config.Image);
        var created = await docker.Containers.CreateContainerAsync(plan.Create, cancellationToken);
        run.NewId = created.ID;
        foreach (var (network, endpoint) in plan.ExtraNetworks)
        {
            await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = created.ID, EndpointConfig = endpoint }, cancellationToken);
        }

        await run.SucceedAsync($"created {created.ID[..12]}");

        if (run.WasRunning)
        {
            await run.BeginAsync("start", $"starting {job.ContainerName}");
            var startedAt = DateTimeOffset.UtcNow;
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            await run.SucceedAsync(null);

            await run.BeginAsync("gate", "waiting for the new container to prove healthy");
            if (await gate.WaitAsync(created.ID, job.Gate, startedAt, cancellationToken) is { } unhealthy)
            {
                await run.FailAsync(unhealthy);
                return await RollBackAsync(run, unhealthy);
            }

            await run.SucceedAsync("healthy");
        }

        await run.BeginAsync("cleanup", $"removing the old container {run.AsideName}");
        try
        {
            await docker.Containers.RemoveContainerAsync(old.ID, new ContainerRemoveParameters { RemoveVolumes = false }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            // The new container passed its gate: the update stands. The old one is only left over, under its aside name.
            var note = $"updated, but the old container is left as {run.AsideName}: {DockerError(e)}";
            await run.FailAsync(note);
            return UpdateOutcome.Succeeded(job.TargetDigest, note);
        }

        await run.SucceedAsync($"{job.ContainerName} runs {job.TargetDigest}");
        LogUpdated(job.ContainerName, job.TargetDigest);
        return UpdateOutcome.Succeeded(job.TargetDigest);
    }

    private async Task<ImageInspectResponse> PullAsync(ImageName image, string digest, CancellationToken cancellationToken)
    {
        var progress = new PullProgress();
        await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image.Repository, Tag = digest }, new AuthConfig(), progress, cancellationToken);
        if (progress.Error is { } error)
        {
            throw new InvalidOperationException($"pull of {image.WithDigest(digest)} failed: {error}");
        }

        return await docker.Images.InspectImageAsync(image.WithDigest(digest), cancellationToken);
    }

    /// <summary>Undoes whatever the run did, in reverse, and verifies the old container is back as it was.</summary>
    private async Task<UpdateOutcome> RollBackAsync(UpdateRun run, string reason)
    {
        var failedStep = run.Step;
        var job = run.Job;
        if (run.Old is null)
        {
            return UpdateOutcome.Failed(failedStep, reason);
        }

        // Rollback must finish even when the job was cancelled: bound it by time instead.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        try
        {
            await run.BeginAsync("rollback", $"restoring {job.ContainerName}: {reason}");
            if (run.NewId is not null)
            {
                await docker.Containers.RemoveContainerAsync(run.NewId, new ContainerRemoveParameters { Force = true }, ct);
            }

            if (run.Retagged)
            {
                var image = ImageName.Parse(job.Image);
                await docker.Images.TagImageAsync(run.Old.Image, new ImageTagParameters { RepositoryName = image.Repository, Tag = image.Tag, Force = true }, ct);
            }

            if (run.Renamed)
            {
                await docker.Containers.RenameContainerAsync(run.Old.ID, new ContainerRenameParameters { NewName = job.ContainerName }, ct);
            }

            if (run.Stopped)
            {
                await docker.Containers.StartContainerAsync(run.Old.ID, new ContainerStartParameters(), ct);
            }

            var restored = await docker.Containers.InspectContainerAsync(job.ContainerName, ct);
            if (restored.ID != run.Old.ID || (run.WasRunning && !restored.State.Running))
            {
                throw new InvalidOperationException($"{job.ContainerName} is not running after the restore (state {restored.State.Status})");
            }

            await run.SucceedAsync($"{job.ContainerName} runs its previous image again");
            LogRolledBack(job.ContainerName, failedStep, reason);
            var previous = run.OldImage?.RepoDigests?.FirstOrDefault();
            return UpdateOutcome.RolledBack(failedStep, reason, previous?[(previous.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            var why = $"{reason}; rollback failed: {DockerError(e)}";
            logger.LogCritical("Rollback of {Container} failed; the old container is {AsideName}: {Reason}", job.ContainerName, run.Renamed ? run.AsideName : job.ContainerName, why);
            await run.FailAsync(why);
            return UpdateOutcome.Failed(failedStep, why);
        }
    }

    private static string DockerError(Exception e) => e switch
    {
        DockerApiException api => $"Docker engine: {api.ResponseBody?.Trim() ?? api.Message} ({(int)api.StatusCode})",
        _ => e.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {Container} to {Digest}")]
    private partial void LogUpdated(string container, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolled back {Container} at step {Step}: {Reason}")]
    private partial void LogRolledBack(string container, string step, string reason);
}
