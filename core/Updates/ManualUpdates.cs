using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;

namespace Dockward.Core.Updates;

/// <summary>
/// "Update now" for containers a user picked: each gets a job for what its own tag points at on the registry now,
/// pending at once (a user asking is the approval and the window), also for a digest that was rolled back before.
/// </summary>
internal sealed class ManualUpdates(IContainerStore containers, IPolicyStore policyStore, PolicyResolver policies, RegistryClient registry, UpdateRequester requester)
{
    /// <summary>The most containers one request may name.</summary>
    public const int MaxContainers = 500;

    public async Task<ManualUpdate> RequestAsync(string agentId, string name, string actor, PolicyBook? book, CancellationToken cancellationToken)
    {
        if (await containers.GetAsync(agentId, name, cancellationToken) is not { } container)
        {
            return ManualUpdate.Refused(agentId, name, ManualUpdateProblem.NotFound, $"No container '{name}' on agent '{agentId}'.");
        }

        if (container.Registered == false)
        {
            return ManualUpdate.Refused(agentId, name, ManualUpdateProblem.NotManaged, $"{name} on {agentId} is unregistered from management: register it first.");
        }

        if (!ImageReference.TryParse(container.Image, out var image, out var error))
        {
            return ManualUpdate.Refused(agentId, name, ManualUpdateProblem.CannotUpdate, $"The container's image cannot be checked: {error}.");
        }

        if (image.Digest is not null)
        {
            return ManualUpdate.Refused(agentId, name, ManualUpdateProblem.CannotUpdate, $"{container.Image} is pinned by digest: there is no newer image to update to.");
        }

        var lookup = await registry.GetDigestAsync(image, cancellationToken);
        if (lookup.Digest is null)
        {
            return ManualUpdate.Refused(agentId, name, ManualUpdateProblem.RegistryError, lookup.Error!);
        }

        book ??= await PolicyBook.ReadAsync(policyStore, cancellationToken);
        var request = await requester.RequestAsync(
            container, policies.Resolve(container, book), new UpdateTarget(lookup.Digest, Tag: image.Tag), Triggers.Manual, actor, null, cancellationToken);
        return new ManualUpdate(agentId, name, request, null, null);
    }

    /// <summary>Each of <paramref name="targets"/> in turn, reporting per container.</summary>
    public async Task<IReadOnlyList<ManualUpdate>> RequestManyAsync(IReadOnlyList<(string AgentId, string Name)> targets, string actor, CancellationToken cancellationToken)
    {
        var book = await PolicyBook.ReadAsync(policyStore, cancellationToken);
        var results = new List<ManualUpdate>(targets.Count);
        foreach (var (agentId, name) in targets)
        {
            results.Add(await RequestAsync(agentId, name, actor, book, cancellationToken));
        }

        return results;
    }
}
