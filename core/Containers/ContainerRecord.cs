using Dockward.Contracts;

namespace Dockward.Core.Containers;

/// <summary>A container as its agent last reported it. Keyed by agent and name: a recreated container keeps its record.</summary>
/// <param name="Platform">Its image's platform, <c>os/architecture[/variant]</c>; null when the agent did not say.</param>
/// <param name="Registered">
/// A person's explicit word on its management (<see cref="ContainerRegistration"/>): true registered, false
/// unregistered, null when nobody said. Joined in by the store; the inventory report never sets it.
/// </param>
/// <param name="ReportedAt">
/// The report that last changed it (an unchanged container is not written again); when it was last reported at all is
/// its agent's <see cref="Agents.AgentRecord.LastSeenAt"/>, which the list and detail show.
/// </param>
/// <param name="Details">Ports, mounts, networks, env, restart policy and the last health check; null from agents that predate them.</param>
internal sealed record ContainerRecord(
    string AgentId,
    string Name,
    string Id,
    string Image,
    string ImageId,
    IReadOnlyList<string> RepoDigests,
    string State,
    string? Health,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset Created,
    DateTimeOffset ReportedAt,
    string? Platform = null,
    string? Version = null,
    ContainerDetails? Details = null,
    bool? Registered = null);
