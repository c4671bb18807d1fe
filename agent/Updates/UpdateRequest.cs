using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// What one update is asked to do, read from the job and the old container's labels before anything changes:
/// the hooks to run, how the old container makes way (<see cref="UpdateStrategy"/>), and the reference the new
/// one runs. A job or a label that cannot be followed is refused here, with the reason, and nothing is changed.
/// </summary>
/// <param name="WasRunning">Whether the old container runs (or restarts): a rollback starts it again.</param>
internal sealed record UpdateRequest(UpdateHooks Hooks, UpdateStrategy Strategy, UpdateTarget Target, bool WasRunning)
{
    /// <summary>The request, or why the update must not start.</summary>
    public static (UpdateRequest? Request, string? Refusal) Read(JobAssignment job, ContainerInspectResponse old)
    {
        if (old.HostConfig.AutoRemove)
        {
            return (null, "it was started with --rm: Docker deletes it when it stops, so it cannot be updated without losing it");
        }

        // The old reference, not the target: a container recreated since the job was queued is not this job's.
        if (old.Config.Image != job.Image)
        {
            return (null, $"it now runs {old.Config.Image}, not {job.Image}: it was recreated after the update was queued");
        }

        var (hooks, hookError) = UpdateHooks.Read(old.Config.Labels);
        var (_, keepError) = OldImages.Read(old.Config.Labels);
        var (strategy, askedBy, strategyError) = UpdateOrder.Choose(job.Strategy, old.Config.Labels);
        if (hooks is null || keepError is not null || strategyError is not null)
        {
            return (null, hookError ?? keepError ?? strategyError!);
        }

        if (HealthGate.Validate(job.Gate) is { } badGate)
        {
            return (null, $"the job's health gate cannot be followed: {badGate}");
        }

        var target = UpdateTarget.Of(job);
        // A configuration edit keeps the image the container runs, so a reference pinned by digest is fine for it.
        if (job.Config is null && target.Problem() is { } badTarget)
        {
            return (null, badTarget);
        }

        var wasRunning = old.State.Running || old.State.Restarting;
        if (!wasRunning)
        {
            // A stopped container has nothing to keep serving: start-first and blue-green only matter for a running one.
            strategy = UpdateStrategy.StopFirst;
        }

        if (strategy != UpdateStrategy.StopFirst && StartFirstClash.Find(old) is { } clash)
        {
            return (null, $"{askedBy} cannot be followed: {clash}; use {UpdateOrder.StopFirst} or remove the clash");
        }

        return (new UpdateRequest(hooks, strategy, target, wasRunning), null);
    }
}
