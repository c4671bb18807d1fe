using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Agent.Journal;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Updates;

/// <summary>
/// Carries one update through to success or rollback, journaling every step before it is taken: pull by digest,
/// run the pre-update hook, then either stop-first (stop the old container, move it aside, create and start the
/// new one under its name), start-first (create and start the new one beside the old one, then swap them) or
/// blue-green (start-first, with the network aliases moved to the new one only once it passed), gate the new one
/// on health, and finish (post-update hook, remove the old container and, if asked, previous images). Any failure
/// before the gate passed puts the old container back exactly as it was.
/// </summary>
internal sealed partial class ContainerUpdater(
    IDockerClient docker,
    HealthGate gate,
    HookRunner hookRunner,
    ImagePruner pruner,
    UpdateRollback rollback,
    NamespaceDependents dependents,
    AliasSwitch aliases,
    EngineApi api,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<ContainerUpdater> logger)
{
    /// <summary>The reason an update gives when the agent was asked to stop during it.</summary>
    public const string AgentStopping = "the agent is stopping";

    private static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromMinutes(2);

    public async Task<UpdateOutcome> UpdateAsync(JobJournal journal, IStepReporter steps, CancellationToken cancellationToken)
    {
        var run = new UpdateRun(journal, steps, clock);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = run.Job.JobId, ["Container"] = run.Job.ContainerName });
        try
        {
            return run.End(await RunAsync(run, cancellationToken));
        }
        catch (Exception e)
        {
            // Whatever went wrong (engine error, lost connection, the agent stopping), the container goes back.
            var stopping = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            var reason = stopping ? AgentStopping : DockerErrors.Describe(e);
            var failedStep = run.Step;
            await run.FailAsync(reason);
            if (journal.Committed)
            {
                // Past the gate the update stands; only its tidying up failed.
                return run.End(UpdateOutcome.Succeeded(run.Job.TargetDigest, $"updated, but finishing failed: {reason}"));
            }

            var outcome = await rollback.RollBackAsync(run, failedStep, reason);
            return run.End(stopping ? Interrupted(outcome, run) : outcome);
        }
    }

    /// <summary>
    /// The steps after the gate passed (the journal holds the commit): containers sharing the old one's namespaces
    /// recreated against the new one, the post-update hook (unless it was started already), removing the old
    /// container and, when its labels ask, previous images. Used by the update itself and by recovery after a
    /// restart; every step checks the engine first, so finishing twice does nothing twice.
    /// </summary>
    public async Task<UpdateOutcome> FinishAsync(UpdateRun run, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var target = UpdateTarget.Of(job);
        // Past the gate the update is not abandoned for an agent that is stopping: each step has its own time limit.
        ContainerInspectResponse current;
        try
        {
            using var inspectTimeout = new CancellationTokenSource(FinishTimeout);
            current = await docker.Containers.InspectContainerAsync(job.ContainerName, inspectTimeout.Token);
        }
        catch (DockerContainerNotFoundException)
        {
            // Removed by someone else after it passed its gate (seen when finishing after a restart): nothing to finish.
            return UpdateOutcome.Failed(StepNames.Cleanup, $"the new {job.ContainerName} passed its gate, but no longer exists: it was removed since");
        }

        var notes = new List<string>();
        // Each dependent is bounded by NamespaceDependents itself.
        if (await RecreateDependentsAsync(run, current.ID, CancellationToken.None) is { } dependentsProblem)
        {
            notes.Add(dependentsProblem);
        }

        var (hooks, _) = UpdateHooks.Read(current.Config.Labels);
        if (hooks?.PostUpdate is { } postUpdate && run.WasRunning && !run.Journal.HasStarted(StepNames.PostUpdate))
        {
            await run.BeginAsync(StepNames.PostUpdate, $"running the post-update hook in {job.ContainerName}");
            // The hook's own timeout bounds the wait.
            if (await RunHookAsync(current.ID, postUpdate, hooks.Timeout, CancellationToken.None) is { } failed)
            {
                // The new container passed its gate; a hook after the fact reports, it does not undo the update.
                notes.Add($"updated, but the post-update hook failed: {failed}");
                await run.FailAsync(notes[^1]);
            }
            else
            {
                await run.SucceedAsync(null);
            }
        }

        if (run.Journal.Inspected?.OldContainerId is { } oldId && oldId != current.ID)
        {
            await run.BeginAsync(StepNames.Cleanup, $"removing the old container {run.AsideName}");
            try
            {
                using var cleanupTimeout = new CancellationTokenSource(FinishTimeout);
                await docker.Containers.RemoveContainerAsync(oldId, new ContainerRemoveParameters { RemoveVolumes = false }, cleanupTimeout.Token);
                await run.SucceedAsync($"{job.ContainerName} runs {job.TargetDigest}");
            }
            catch (DockerContainerNotFoundException)
            {
                await run.SucceedAsync("already removed");
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or OperationCanceledException)
            {
                notes.Add($"updated, but the old container is left as {run.AsideName}: {DockerErrors.Describe(e)}");
                await run.FailAsync(notes[^1]);
            }
        }

        LogUpdated(job.ContainerName, target.Reference, job.TargetDigest);
        if (OldImages.Read(current.Config.Labels).Keep is { } keep && !run.Journal.HasStarted(StepNames.PruneImages))
        {
            // The target names the same repository as the old reference; an old image a container still uses stays.
            if (await PruneImagesAsync(run, target.Image, current.Image, keep) is { } pruneProblem)
            {
                notes.Add(pruneProblem);
            }
        }

        return UpdateOutcome.Succeeded(job.TargetDigest, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    /// <summary>
    /// Points the containers that shared the old container's network, pid or ipc namespace at the new one. After a
    /// restart the list is looked up again by the old container's id: those recreated already point elsewhere.
    /// </summary>
    private async Task<string?> RecreateDependentsAsync(UpdateRun run, string newContainerId, CancellationToken ct)
    {
        var job = run.Job;
        if (run.Journal.Inspected?.OldContainerId is not { } oldId || oldId == newContainerId)
        {
            return null;
        }

        // The old container as it was; after a restart it may be removed already, and its id and name are what count.
        var old = run.Old ?? new ContainerInspectResponse { ID = oldId, Name = "/" + job.ContainerName };
        var found = run.Dependents ?? await dependents.FindAsync(old, ct);
        if (found.Count == 0)
        {
            return null;
        }

        await run.BeginAsync(StepNames.Dependents, $"recreating {string.Join(", ", found.Select(d => d.Name.TrimStart('/')))} against the new {job.ContainerName}");
        var results = await dependents.RecreateAsync(found, old, newContainerId, ct);
        if (NamespaceDependents.Problems(results) is { } problems)
        {
            await run.FailAsync(problems);
            return $"updated, but {problems}";
        }

        await run.SucceedAsync(null);
        return null;
    }

    private async Task<UpdateOutcome> RunAsync(UpdateRun run, CancellationToken cancellationToken)
    {
        var job = run.Job;

        await run.BeginAsync(StepNames.Inspect, $"inspecting {job.ContainerName}");
        ContainerInspectResponse old;
        try
        {
            old = await docker.Containers.InspectContainerAsync(job.ContainerName, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return await RefuseAsync(run, $"no container named {job.ContainerName} on this host");
        }

        var (request, refusal) = UpdateRequest.Read(job, old);
        if (request is null)
        {
            return await RefuseAsync(run, refusal!);
        }

        var target = request.Target;
        run.RecordInspected(old, await docker.Images.InspectImageAsync(old.Image, cancellationToken), request.WasRunning);
        var editsConfig = job.Config is not null;
        if (editsConfig && !ConfigEdit.Runs(old, run.OldImage!, job.TargetDigest))
        {
            // The edit was previewed against that image; a container updated since is not the one the user looked at.
            return await RefuseAsync(run, $"it no longer runs {DockerErrors.Short(job.TargetDigest)}: it was updated after the configuration edit was asked for");
        }

        // Up to date means the target reference at the target digest: a move to a newer tag of the same image still
        // recreates the container, so it runs (and is checked by) the new reference.
        if (!editsConfig && !target.MovesTag && run.OldImage!.RepoDigests?.Contains(target.Image.WithDigest(job.TargetDigest)) == true)
        {
            await run.SucceedAsync("already runs the target digest");
            return UpdateOutcome.Succeeded(job.TargetDigest, "already up to date");
        }

        var strategy = request.Strategy == UpdateStrategy.StopFirst ? "" : ", " + UpdateOrder.Name(request.Strategy);
        var edit = editsConfig ? ", editing its configuration" : "";
        await run.SucceedAsync($"runs {DockerErrors.Short(old.Image)}, {(request.WasRunning ? "running" : old.State.Status)}{strategy}{edit}");

        // A configuration edit keeps the image the container runs: it is on this host already, so nothing is pulled
        // (a locally built image has no registry to pull from anyway).
        var newImage = editsConfig ? run.OldImage! : await PullNewImageAsync(run, target, cancellationToken);
        if (newImage is null)
        {
            return UpdateOutcome.Succeeded(job.TargetDigest, "already up to date");
        }

        // Before the stop: stopping it ends the containers in its pid namespace, so only a look now says which ran.
        run.Dependents = await dependents.FindAsync(old, cancellationToken);

        if (request.Hooks.PreUpdate is { } preUpdate && old.State.Running)
        {
            await run.BeginAsync(StepNames.PreUpdate, $"running the pre-update hook in {job.ContainerName}");
            if (await RunHookAsync(old.ID, preUpdate, request.Hooks.Timeout, cancellationToken) is { } failed)
            {
                // Nothing has been changed yet: the container keeps running as it was.
                return await RefuseAsync(run, $"the pre-update hook failed, so the update did not start: {failed}");
            }

            await run.SucceedAsync(null);
        }

        var unhealthy = request.Strategy == UpdateStrategy.StopFirst
            ? await StopFirstAsync(run, target, newImage, cancellationToken)
            : await StartFirstAsync(run, target, newImage, request.Strategy == UpdateStrategy.BlueGreen, cancellationToken);
        if (unhealthy is not null)
        {
            await run.FailAsync(unhealthy);
            return await rollback.RollBackAsync(run, StepNames.Gate, unhealthy);
        }

        run.Commit();
        return await FinishAsync(run, cancellationToken);
    }

    /// <summary>Stop the old container, move it aside, create and start the new one under its name, gate it. Null when it passed.</summary>
    private async Task<string?> StopFirstAsync(UpdateRun run, UpdateTarget target, ImageInspectResponse newImage, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var old = run.Old!;
        // From here the container is being changed: these steps are not abandoned half-way when the agent is
        // asked to stop (each engine call is bounded by the client's timeout); only the gate can be cut short,
        // and then the rollback puts the old container back.
        var ct = CancellationToken.None;
        if (run.WasRunning)
        {
            await run.BeginAsync(StepNames.Stop, $"stopping {job.ContainerName}");
            await docker.Containers.StopContainerAsync(old.ID, new ContainerStopParameters { WaitBeforeKillSeconds = StopSeconds(old) }, ct);
            await run.SucceedAsync(null);
        }

        await run.BeginAsync(StepNames.Rename, $"moving the old container aside as {run.AsideName}");
        await docker.Containers.RenameContainerAsync(old.ID, new ContainerRenameParameters { NewName = run.AsideName }, ct);
        await run.SucceedAsync(null);

        var created = await CreateAsync(run, target, newImage, job.ContainerName, Plan(run, target), ct);
        return run.WasRunning ? await StartAndGateAsync(run, created, cancellationToken) : null;
    }

    /// <summary>
    /// Create and start the new container beside the old one under a name of its own, gate it, then stop the old
    /// one, move it aside and give the new one its name. Null when the new one passed its gate. Blue-green creates
    /// it without the old one's network aliases and moves them to it (step <c>switch</c>) once it passed: a switch
    /// that fails rolls back like a failed gate, and the old container, which kept its aliases, serves on.
    /// </summary>
    private async Task<string?> StartFirstAsync(UpdateRun run, UpdateTarget target, ImageInspectResponse newImage, bool blueGreen, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var old = run.Old!;
        var ct = CancellationToken.None;
        var plan = Plan(run, target);
        var created = await CreateAsync(run, target, newImage, AsideName.ForIncoming(job.ContainerName, job.JobId), blueGreen ? Plan(run, target, withAliases: false) : plan, ct);
        if (await StartAndGateAsync(run, created, cancellationToken) is { } unhealthy)
        {
            return unhealthy;
        }

        if (blueGreen)
        {
            await run.BeginAsync(StepNames.Switch, $"moving the network aliases of {job.ContainerName} to the new container");
            await run.SucceedAsync(await aliases.MoveAsync(created, plan, ct));
        }

        await run.BeginAsync(StepNames.Stop, $"stopping the old {job.ContainerName}");
        await docker.Containers.StopContainerAsync(old.ID, new ContainerStopParameters { WaitBeforeKillSeconds = StopSeconds(old) }, ct);
        await run.SucceedAsync(null);

        await run.BeginAsync(StepNames.Rename, $"moving the old container aside as {run.AsideName} and giving its name to the new one");
        await docker.Containers.RenameContainerAsync(old.ID, new ContainerRenameParameters { NewName = run.AsideName }, ct);
        await docker.Containers.RenameContainerAsync(created, new ContainerRenameParameters { NewName = job.ContainerName }, ct);
        await run.SucceedAsync(null);
        return null;
    }

    /// <summary>Pulls the target digest; null when it turns out to be the image the container runs already.</summary>
    private async Task<ImageInspectResponse?> PullNewImageAsync(UpdateRun run, UpdateTarget target, CancellationToken cancellationToken)
    {
        var job = run.Job;
        await run.BeginAsync(StepNames.Pull, $"pulling {target.Image.WithDigest(job.TargetDigest)}");
        var newImage = await PullAsync(target.Image, job.TargetDigest, cancellationToken);
        if (newImage.ID == run.Old!.Image && !target.MovesTag)
        {
            await run.SucceedAsync("the target digest is the image it already runs");
            return null;
        }

        await run.SucceedAsync($"pulled {DockerErrors.Short(newImage.ID)}");
        return newImage;
    }

    /// <summary>The new container: the old one's configuration on the target reference, with the job's configuration edit.</summary>
    private RecreatePlan Plan(UpdateRun run, UpdateTarget target, bool withAliases = true)
    {
        var plan = RecreatePlan.From(run.Old!, run.OldImage!, target.Reference, api, withAliases);
        if (run.Job.Config is { } change)
        {
            ConfigEdit.Apply(plan.Create, run.Old!, run.OldImage!, change);
        }

        return plan;
    }

    /// <summary>Points the target tag at the new image and creates the new container from <paramref name="plan"/>; returns its id.</summary>
    private async Task<string> CreateAsync(UpdateRun run, UpdateTarget target, ImageInspectResponse newImage, string name, RecreatePlan plan, CancellationToken ct)
    {
        await run.BeginAsync(StepNames.Create, $"creating {name} from {target.Reference}");
        // The tag moves to the new image so the new container shows (and is later checked by) the target reference;
        // on a move to a newer tag the old tag stays on the old image, which the old container keeps running.
        // A configuration edit points the tag (back) at the image the container runs. A reference pinned by digest
        // or an image id (only a configuration edit runs one) names its image exactly: no tag to move.
        if (!target.Pinned)
        {
            var image = target.Image;
            await docker.Images.TagImageAsync(newImage.ID, new ImageTagParameters { RepositoryName = image.Repository, Tag = image.Tag, Force = true }, ct);
        }

        plan.Create.Name = name;
        var created = await docker.Containers.CreateContainerAsync(plan.Create, ct);
        foreach (var (network, endpoint) in plan.ExtraNetworks)
        {
            await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = created.ID, EndpointConfig = endpoint }, ct);
        }

        var fresh = await docker.Containers.InspectContainerAsync(created.ID, ct);
        if (fresh.Image != newImage.ID)
        {
            throw new InvalidOperationException($"the new container runs {DockerErrors.Short(fresh.Image)}, not the pulled {DockerErrors.Short(newImage.ID)}");
        }

        await run.SucceedAsync($"created {created.ID[..12]}");
        return created.ID;
    }

    /// <summary>Starts the new container and waits for its gate: null when it passed, otherwise why not.</summary>
    private async Task<string?> StartAndGateAsync(UpdateRun run, string containerId, CancellationToken cancellationToken)
    {
        await run.BeginAsync(StepNames.Start, $"starting {run.Job.ContainerName}");
        var startedAt = clock.GetUtcNow(); // its events are read from here (the gate allows a second of clock skew)
        await docker.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), CancellationToken.None);
        await run.SucceedAsync(null);

        await run.BeginAsync(StepNames.Gate, "waiting for the new container to prove healthy");
        if (await gate.WaitAsync(containerId, run.Job.Gate, startedAt, cancellationToken) is { } unhealthy)
        {
            return unhealthy;
        }

        await run.SucceedAsync("healthy");
        return null;
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
        await run.BeginAsync(StepNames.PruneImages, $"removing previous images of {image.Repository} beyond the newest {keep}");
        try
        {
            using var timeout = new CancellationTokenSource(FinishTimeout);
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
            var problem = $"updated, but previous images were not removed: {DockerErrors.Describe(e)}";
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
            return $"'{command}' could not be run: {DockerErrors.Describe(e)}";
        }
    }

    /// <summary>The configured credentials for the image's registry, or none (anonymous).</summary>
    private AuthConfig LoginFor(ImageName image) =>
        options.Value.Registries.FirstOrDefault(r => string.Equals(r.Host, image.Registry, StringComparison.OrdinalIgnoreCase)) is { } login
            ? new AuthConfig { ServerAddress = login.Host, Username = login.Username, Password = login.Password }
            : new AuthConfig();

    private static uint StopSeconds(ContainerInspectResponse container) => (uint)(container.Config.StopTimeout?.TotalSeconds ?? 10);

    /// <summary>An update cut short by the agent stopping is not the image's fault: restored (or untouched) is "interrupted".</summary>
    private static UpdateOutcome Interrupted(UpdateOutcome outcome, UpdateRun run) => outcome.Outcome switch
    {
        JobOutcome.RolledBack => outcome with { Outcome = JobOutcome.Interrupted },
        JobOutcome.Failed when run.Old is null => outcome with { Outcome = JobOutcome.Interrupted },
        _ => outcome,
    };

    /// <summary>Ends the job before anything was changed.</summary>
    private static async Task<UpdateOutcome> RefuseAsync(UpdateRun run, string reason)
    {
        await run.FailAsync(reason);
        return UpdateOutcome.Failed(run.Step, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {Container} to {Image} at {Digest}")]
    private partial void LogUpdated(string container, string image, string digest);
}
