using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Updates;

/// <summary>
/// Containers that share a namespace with another (<c>network_mode</c>, <c>pid</c> or <c>ipc</c> =
/// <c>container:X</c>) and their recreation once X was replaced. The engine binds such a container to X's
/// namespaces when it starts and keeps X's id: after X is recreated it still sits in the dead X's namespace
/// (a network with nothing but loopback; a pid namespace whose init is gone kills it outright).
/// </summary>
/// <remarks>
/// Contract with the updater:
/// <list type="number">
/// <item><see cref="FindAsync"/> before X is stopped: stopping X kills the containers in its pid namespace, so
/// only a look taken before says which of them were running.</item>
/// <item><see cref="RecreateAsync"/> once the new X has passed its gate (the update of X is final) and before the
/// old X is removed. Dependents are never touched while X may still be rolled back, so a rollback of X has no
/// dependents to undo.</item>
/// <item><see cref="RejoinAsync"/> when the update of X was rolled back instead: the old X runs again with fresh
/// namespaces, and its dependents, which still point at it, are restarted to join them.</item>
/// <item>Should X ever be rolled back after its dependents were recreated (a recovery that finds the new X broken
/// after all), the same two calls move them back: <see cref="FindAsync"/> on the new X, then
/// <see cref="RecreateAsync"/> from the new X to the restored old one.</item>
/// </list>
/// Each dependent is changed on its own: one that cannot be recreated is put back as it was and reported, and the
/// others still go ahead. <see cref="RecreateAsync"/> and <see cref="RejoinAsync"/> never throw for an engine error:
/// every dependent ends with a <see cref="DependentResult"/>. <see cref="FindAsync"/> lets an engine error through;
/// it changes nothing, so the update of X can be refused or go on without its dependents.
/// </remarks>
internal sealed partial class NamespaceDependents(IDockerClient docker, EngineApi api, ILogger<NamespaceDependents> logger)
{
    /// <summary>The most that recreating (or putting back) one dependent may take once it has begun.</summary>
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Every container on the host that shares a namespace with <paramref name="target"/>, directly or through
    /// another such container, in the order they must be recreated: a container after those whose namespaces it
    /// takes, ties by name. Containers set aside by an update (<see cref="AsideName"/>) are left out.
    /// </summary>
    /// <param name="target">X as inspected before its update: its id and the name it had then.</param>
    public async Task<IReadOnlyList<ContainerInspectResponse>> FindAsync(ContainerInspectResponse target, CancellationToken cancellationToken)
    {
        var others = new List<ContainerInspectResponse>();
        foreach (var listed in await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken))
        {
            if (listed.ID == target.ID || listed.Names.Any(n => AsideName.IsAside(n.TrimStart('/'))))
            {
                continue;
            }

            try
            {
                // The list does not carry the pid and ipc modes: only an inspect does.
                others.Add(await docker.Containers.InspectContainerAsync(listed.ID, cancellationToken));
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed since it was listed.
            }
        }

        // The target last: the name it had wins over a container that holds that name now (its replacement).
        var references = new ContainerReferences([.. others, target]);
        var targetsOf = others.ToDictionary(
            c => c.ID,
            c => SharedNamespaces.Targets(c.HostConfig).Select(references.Resolve).OfType<string>().Where(id => id != c.ID).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        var involved = new HashSet<string>(StringComparer.Ordinal) { target.ID };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var container in others.Where(c => !involved.Contains(c.ID) && targetsOf[c.ID].Overlaps(involved)))
            {
                grew |= involved.Add(container.ID);
            }
        }

        return InRecreateOrder(others.Where(c => involved.Contains(c.ID)).ToList(), targetsOf, target.ID);
    }

    /// <summary>
    /// Recreates each of <paramref name="dependents"/> (as <see cref="FindAsync"/> returned them, in that order)
    /// with every <c>container:X</c> mode that named the old X, or a dependent recreated before it, pointing at
    /// the replacement: stop, rename aside, create from its own configuration, start if it was running when it
    /// was found, remove the aside copy. One that fails is put back under its name and started if it was running.
    /// </summary>
    /// <param name="dependents">The containers found before X was stopped; their state then says which to start.</param>
    /// <param name="oldContainer">The old X as inspected before its update.</param>
    /// <param name="newContainerId">The id of the container that replaced it.</param>
    /// <param name="cancellationToken">Stops before the next dependent; one under way is finished or put back.</param>
    public async Task<IReadOnlyList<DependentResult>> RecreateAsync(
        IReadOnlyList<ContainerInspectResponse> dependents, ContainerInspectResponse oldContainer, string newContainerId, CancellationToken cancellationToken)
    {
        var references = new ContainerReferences([.. dependents, oldContainer]);
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal) { [oldContainer.ID] = newContainerId };
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in dependents.Append(oldContainer))
        {
            names[container.ID] = container.Name.TrimStart('/');
        }

        var results = new List<DependentResult>();
        foreach (var dependent in dependents.Where(d => d.ID != oldContainer.ID).DistinctBy(d => d.ID))
        {
            var result = cancellationToken.IsCancellationRequested
                ? new DependentResult(names[dependent.ID], dependent.ID, DependentOutcome.Skipped, "the agent is stopping")
                : await RecreateOneAsync(dependent, references, replaced, names, newContainerId, cancellationToken);
            if (result.Outcome == DependentOutcome.Recreated)
            {
                replaced[dependent.ID] = result.Id;
                LogRecreated(result.Name, names[oldContainer.ID]);
            }
            else
            {
                LogLeftBehind(result.Name, result.Outcome, result.Reason);
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>
    /// After the update of X was rolled back: X's old container runs again, but in new namespaces, while the
    /// dependents that still point at it sit in the ones it had before it was stopped (or were ended with its pid
    /// namespace). Restarts each of <paramref name="dependents"/> that was running when it was found, in order, so it
    /// joins X again; those that were stopped are left alone and not listed.
    /// </summary>
    /// <param name="cancellationToken">Stops before the next dependent.</param>
    public async Task<IReadOnlyList<DependentResult>> RejoinAsync(IReadOnlyList<ContainerInspectResponse> dependents, CancellationToken cancellationToken)
    {
        var results = new List<DependentResult>();
        foreach (var dependent in dependents.Where(d => d.State.Running || d.State.Restarting).DistinctBy(d => d.ID))
        {
            var name = dependent.Name.TrimStart('/');
            if (cancellationToken.IsCancellationRequested)
            {
                results.Add(new DependentResult(name, dependent.ID, DependentOutcome.RestoreFailed, "not restarted: the agent is stopping"));
                continue;
            }

            using var timeout = new CancellationTokenSource(ChangeTimeout);
            try
            {
                var wait = (uint)(dependent.Config.StopTimeout?.TotalSeconds ?? 10);
                await docker.Containers.RestartContainerAsync(dependent.ID, new ContainerRestartParameters { WaitBeforeKillSeconds = wait }, timeout.Token);
                results.Add(new DependentResult(name, dependent.ID, DependentOutcome.Restarted, null));
            }
            catch (Exception e)
            {
                var result = new DependentResult(name, dependent.ID, DependentOutcome.RestoreFailed, $"it could not be restarted: {DockerErrors.Describe(e)}");
                LogLeftBehind(name, result.Outcome, result.Reason);
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>One line on the dependents that were not simply recreated, for the update's outcome; null when all were.</summary>
    public static string? Problems(IReadOnlyList<DependentResult> results)
    {
        var problems = results.Where(r => r.Reason is not null).Select(r => $"{r.Name} {Describe(r.Outcome)}: {r.Reason}").ToList();
        return problems.Count == 0 ? null : "containers sharing its namespaces: " + string.Join("; ", problems);
    }

    private async Task<DependentResult> RecreateOneAsync(
        ContainerInspectResponse found,
        ContainerReferences references,
        Dictionary<string, string> replaced,
        Dictionary<string, string> names,
        string newContainerId,
        CancellationToken cancellationToken)
    {
        ContainerInspectResponse current;
        RecreatePlan plan;
        string? note;
        try
        {
            current = await docker.Containers.InspectContainerAsync(found.ID, cancellationToken);
            if (Refusal(current, references, replaced, names) is { } refusal)
            {
                return new DependentResult(current.Name.TrimStart('/'), current.ID, DependentOutcome.Skipped, refusal);
            }

            (var image, note) = await ImageOfAsync(current, cancellationToken);
            plan = RecreatePlan.From(current, image, note is null ? current.Config.Image : current.Image, api);
            PointAtReplacements(plan.Create, references, replaced);
        }
        catch (DockerContainerNotFoundException)
        {
            return new DependentResult(names[found.ID], found.ID, DependentOutcome.Skipped, "it no longer exists");
        }
        catch (Exception e)
        {
            // Nothing has been changed yet.
            return new DependentResult(names[found.ID], found.ID, DependentOutcome.Skipped, $"it could not be read: {DockerErrors.Describe(e)}");
        }

        var name = current.Name.TrimStart('/');
        var wasRunning = found.State.Running || found.State.Restarting;

        // From here the dependent is being changed: bounded by time, not abandoned when the agent is asked to stop.
        using var timeout = new CancellationTokenSource(ChangeTimeout);
        var ct = timeout.Token;
        var aside = AsideName.For(name, newContainerId);
        var renamed = false;
        var created = false;
        string newId;
        try
        {
            if (current.State.Running || current.State.Restarting)
            {
                await docker.Containers.StopContainerAsync(current.ID, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)(current.Config.StopTimeout?.TotalSeconds ?? 10) }, ct);
            }

            renamed = true;
            await docker.Containers.RenameContainerAsync(current.ID, new ContainerRenameParameters { NewName = aside }, ct);
            created = true;
            newId = (await docker.Containers.CreateContainerAsync(plan.Create, ct)).ID;
            foreach (var (network, endpoint) in plan.ExtraNetworks)
            {
                await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = newId, EndpointConfig = endpoint }, ct);
            }

            if (wasRunning)
            {
                await docker.Containers.StartContainerAsync(newId, new ContainerStartParameters(), ct);
            }
        }
        catch (Exception e)
        {
            return await PutBackAsync(current, name, wasRunning, renamed, created, DockerErrors.Describe(e));
        }

        try
        {
            await docker.Containers.RemoveContainerAsync(current.ID, new ContainerRemoveParameters { RemoveVolumes = false }, ct);
        }
        catch (Exception e)
        {
            note = Join(note, $"recreated, but the old container is left as {aside}: {DockerErrors.Describe(e)}");
        }

        return new DependentResult(name, newId, DependentOutcome.Recreated, note);
    }

    /// <summary>Why the dependent is left alone, or null when it is to be recreated.</summary>
    private static string? Refusal(ContainerInspectResponse current, ContainerReferences references, Dictionary<string, string> replaced, Dictionary<string, string> names)
    {
        var targets = SharedNamespaces.Targets(current.HostConfig).Select(references.Resolve).OfType<string>().ToList();
        if (targets.FirstOrDefault(t => names.ContainsKey(t) && !replaced.ContainsKey(t)) is { } blocked)
        {
            return $"it shares the namespaces of {names[blocked]}, which was not recreated";
        }

        if (!targets.Any(replaced.ContainsKey))
        {
            return "it no longer shares a namespace with the updated container";
        }

        return current.HostConfig.AutoRemove ? "it was started with --rm: Docker deletes it when it stops, so it cannot be recreated" : null;
    }

    /// <summary>
    /// The dependent's image, and a note when its reference now names another image (an update of a container with
    /// the same image moved the tag): it is then recreated from its own image by id, never silently upgraded.
    /// </summary>
    private async Task<(ImageInspectResponse Image, string? Note)> ImageOfAsync(ContainerInspectResponse current, CancellationToken cancellationToken)
    {
        var own = await docker.Images.InspectImageAsync(current.Image, cancellationToken);
        try
        {
            var tagged = await docker.Images.InspectImageAsync(current.Config.Image, cancellationToken);
            if (tagged.ID == current.Image)
            {
                return (own, null);
            }
        }
        catch (DockerImageNotFoundException)
        {
        }

        return (own, $"{current.Config.Image} now names another image, so it was recreated from its own image {current.Image}");
    }

    /// <summary>Points the modes at the replacements and drops what the engine refuses beside <c>network_mode: container:X</c>.</summary>
    private static void PointAtReplacements(CreateContainerParameters create, ContainerReferences references, Dictionary<string, string> replaced)
    {
        var host = create.HostConfig;
        SharedNamespaces.Repoint(host, target => references.Resolve(target) is { } id && replaced.TryGetValue(id, out var replacement) ? replacement : null);
        if (!SharedNamespaces.JoinsAnotherNetwork(host))
        {
            return;
        }

        // The namespace's owner has these; API 1.41 refuses each beside container:X (moby runconfig
        // validateNetContainerMode: "conflicting options: hostname and the network mode", dns, extra hosts, MAC
        // address, published and exposed ports, links). Its inspect shows the owner's hostname, so it must not be carried.
        create.Hostname = null;
        create.Domainname = null;
        create.MacAddress = null;
        create.ExposedPorts = null;
        create.NetworkingConfig = null;
        host.PortBindings = null;
        host.PublishAllPorts = false;
        host.DNS = null;
        host.DNSSearch = null;
        host.DNSOptions = null;
        host.ExtraHosts = null;
        host.Links = null;
    }

    /// <summary>Undoes one dependent's recreation, each undo on its own so one failure does not skip the rest.</summary>
    private async Task<DependentResult> PutBackAsync(ContainerInspectResponse old, string name, bool wasRunning, bool renamed, bool created, string reason)
    {
        using var timeout = new CancellationTokenSource(ChangeTimeout);
        var ct = timeout.Token;
        var problems = new List<string>();
        if (created)
        {
            await UndoAsync("remove the new container", problems, async () =>
            {
                try
                {
                    // By name, not by id: the create call may have succeeded without its answer arriving.
                    var holder = await docker.Containers.InspectContainerAsync(name, ct);
                    if (holder.ID != old.ID)
                    {
                        await docker.Containers.RemoveContainerAsync(holder.ID, new ContainerRemoveParameters { Force = true }, ct);
                    }
                }
                catch (DockerContainerNotFoundException)
                {
                    // Nothing holds the name: the new container was never created.
                }
            });
        }

        if (renamed)
        {
            await UndoAsync("rename it back", problems, async () =>
            {
                if ((await docker.Containers.InspectContainerAsync(old.ID, ct)).Name.TrimStart('/') != name)
                {
                    await docker.Containers.RenameContainerAsync(old.ID, new ContainerRenameParameters { NewName = name }, ct);
                }
            });
        }

        if (wasRunning)
        {
            await UndoAsync("start it again", problems, () => docker.Containers.StartContainerAsync(old.ID, new ContainerStartParameters(), ct));
        }

        return problems.Count == 0
            ? new DependentResult(name, old.ID, DependentOutcome.Restored, reason)
            : new DependentResult(name, old.ID, DependentOutcome.RestoreFailed, $"{reason}; putting it back failed: {string.Join("; ", problems)}");
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

    /// <summary>Kahn's order: a container once every container it takes namespaces from is placed; ties and cycles by name.</summary>
    private static List<ContainerInspectResponse> InRecreateOrder(List<ContainerInspectResponse> dependents, Dictionary<string, HashSet<string>> targetsOf, string targetId)
    {
        var waiting = dependents.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var pending = waiting.Select(c => c.ID).ToHashSet(StringComparer.Ordinal);
        var ordered = new List<ContainerInspectResponse>(waiting.Count);
        while (waiting.Count > 0)
        {
            // A cycle cannot be started by the engine, but stored modes can still form one: it is broken by name.
            var next = waiting.FirstOrDefault(c => !targetsOf[c.ID].Any(t => t != targetId && pending.Contains(t))) ?? waiting[0];
            waiting.Remove(next);
            pending.Remove(next.ID);
            ordered.Add(next);
        }

        return ordered;
    }

    private static string Describe(DependentOutcome outcome) => outcome switch
    {
        DependentOutcome.Recreated => "was recreated",
        DependentOutcome.Restored => "was not recreated and is back as it was",
        DependentOutcome.RestoreFailed => "could not be put back as it was",
        DependentOutcome.Restarted => "was restarted",
        _ => "was left alone",
    };

    private static string? Join(string? first, string second) => first is null ? second : $"{first}; {second}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Recreated {Container} against the new {Updated}")]
    private partial void LogRecreated(string container, string updated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Container} did not follow the container whose namespaces it shares ({Outcome}): {Reason}")]
    private partial void LogLeftBehind(string container, DependentOutcome outcome, string? reason);
}
