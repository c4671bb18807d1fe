using Dockward.Contracts;
using Dockward.Core.Detection;
using Dockward.Core.Storage;
using Dockward.Core.Updates;

namespace Dockward.Core.Containers.Config;

/// <summary>
/// Configuration edits of a container (env, ports, mounts, labels, restart policy): previewed against what its
/// agent reported, and carried out as an update job (trigger <c>config</c>) that recreates the container on the
/// image it runs, with the same gate and rollback as any update.
/// </summary>
internal sealed class ConfigEdits(IContainerStore containers, IUpdateJobStore jobs, TimeProvider clock)
{
    /// <summary>The trigger of a configuration edit's job. Its rollback never quarantines a digest: the image was not at fault.</summary>
    public const string Trigger = "config";

    /// <summary>What the edit would do; nothing is stored.</summary>
    public async Task<ConfigEditResult> PreviewAsync(string agentId, string name, ConfigChange change, bool revealSecrets, CancellationToken cancellationToken)
    {
        var (container, refusal) = await ReadAsync(agentId, name, change, revealSecrets, cancellationToken);
        return container is null ? refusal! : new ConfigEditResult(Preview(container, change, revealSecrets), null, null, []);
    }

    /// <summary>Queues the edit as a pending job for the container's agent, unless the container has a job that has not ended.</summary>
    /// <param name="requestedBy">The actor asking (<c>user:alice</c>).</param>
    public async Task<ConfigEditResult> RequestAsync(string agentId, string name, ConfigChange change, string requestedBy, bool revealSecrets, CancellationToken cancellationToken)
    {
        var (container, refusal) = await ReadAsync(agentId, name, change, revealSecrets, cancellationToken);
        if (container is null)
        {
            return refusal!;
        }

        if (container.Registered == false)
        {
            return ConfigEditResult.Refused(ConfigEditProblem.NotManaged, $"{name} on {agentId} is unregistered from management: register it first");
        }

        if ((await jobs.ListForContainerAsync(agentId, name, cancellationToken)).FirstOrDefault(j => j.IsActive) is { } active)
        {
            return Busy(active);
        }

        var now = clock.GetUtcNow();
        var running = RunningImage(container);
        var job = new UpdateJob(UpdateJob.NewId(now), agentId, name, container.Image, running, running, JobState.Pending, Trigger, null, null, [], now, now)
        {
            Config = change,
            RequestedBy = requestedBy,
        };
        try
        {
            job = await jobs.AddAsync(job, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another request (an update found by a check, a second edit) made this container's job first.
            var winner = (await jobs.ListForContainerAsync(agentId, name, cancellationToken)).FirstOrDefault(j => j.IsActive);
            return winner is not null ? Busy(winner) : ConfigEditResult.Refused(ConfigEditProblem.Busy, $"{name} on {agentId} already has a job that has not ended");
        }

        return new ConfigEditResult(Preview(container, change, revealSecrets), job, null, []);
    }

    /// <summary>
    /// The image the container runs, as the job names it: its registry digest in its own repository, or, for an image
    /// built on its host (no registry digest), the image id. The agent refuses the edit if the container runs
    /// another image by then.
    /// </summary>
    private static string RunningImage(ContainerRecord container) =>
        ImageReference.TryParse(container.Image, out var image, out _) && RunningDigests.Of(container, image).FirstOrDefault() is { } digest
            ? digest
            : container.ImageId;

    private static ConfigPreview Preview(ContainerRecord container, ConfigChange change, bool revealSecrets) =>
        ConfigPreviewer.Preview(CurrentDetails(container), container.Labels, change, revealSecrets);

    /// <summary>The container's ports, mounts, env and restart policy as its agent last reported them; null from agents that predate them.</summary>
    private static ContainerDetails? CurrentDetails(ContainerRecord container) => container.Details;

    private static List<string> NewBindSources(ContainerRecord container, ConfigChange change)
    {
        var existing = container.Details?.Mounts.Where(m => m.Type == "bind" && m.Source is not null).Select(m => m.Source!).ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. (change.Mounts ?? []).Where(m => m.Type == "bind" && m.Source is not null && !existing.Contains(m.Source)).Select(m => m.Source!)];
    }

    private async Task<(ContainerRecord? Container, ConfigEditResult? Refusal)> ReadAsync(string agentId, string name, ConfigChange change, bool admin, CancellationToken cancellationToken)
    {
        if (await containers.GetAsync(agentId, name, cancellationToken) is not { } container)
        {
            return (null, ConfigEditResult.Refused(ConfigEditProblem.NotFound, $"No container '{name}' on agent '{agentId}'."));
        }

        var problems = ConfigChangeRules.Problems(change).ToList();
        if (problems.Count == 0 && !admin && NewBindSources(container, change) is { Count: > 0 } binds)
        {
            // A bind mount of a host path gives the container that path (/, the Docker socket): only admins, who
            // hold the host anyway, may add one. Binds the container already has may stay or go.
            problems.Add($"mounts: only an admin may bind a host path the container does not already have ({string.Join(", ", binds)})");
        }

        return problems.Count > 0 ? (null, ConfigEditResult.Refused(ConfigEditProblem.Invalid, problems)) : (container, null);
    }

    private static ConfigEditResult Busy(UpdateJob active) =>
        ConfigEditResult.Refused(ConfigEditProblem.Busy, $"{active.ContainerName} has job {active.Id} ({active.Trigger}) that has not ended yet; edit it once that job is over");
}
