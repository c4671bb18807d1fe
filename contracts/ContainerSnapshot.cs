namespace Dockward.Contracts;

/// <summary>One container as the agent saw it.</summary>
/// <param name="Id">Full container id.</param>
/// <param name="Name">Name without the leading slash.</param>
/// <param name="Image">The image reference the container was created from (<c>Config.Image</c>).</param>
/// <param name="ImageId">Id of the image the container runs.</param>
/// <param name="RepoDigests">RepoDigests of that image (<c>repo@sha256:…</c>), every repository it was pulled from.</param>
/// <param name="State">Docker state: created, running, paused, restarting, removing, exited, dead.</param>
/// <param name="Health">HEALTHCHECK status (starting, healthy, unhealthy) or null when the image has none.</param>
/// <param name="Labels">Container labels.</param>
/// <param name="Created">When the container was created.</param>
/// <param name="Platform">
/// The platform of the image the container runs, <c>os/architecture[/variant]</c> (e.g. <c>linux/arm64/v8</c>):
/// which entry of a multi-platform index is this container's. Null from agents that predate it.
/// </param>
/// <param name="Details">Ports, mounts, networks, env, restart policy and the last health check; null from agents that predate it.</param>
public sealed record ContainerSnapshot(
    string Id,
    string Name,
    string Image,
    string ImageId,
    IReadOnlyList<string> RepoDigests,
    string State,
    string? Health,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset Created,
    string? Platform = null,
    ContainerDetails? Details = null);
