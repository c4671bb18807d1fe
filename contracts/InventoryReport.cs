namespace Dockward.Contracts;

/// <summary>Every container on the agent's host at one moment; the control plane replaces its view with it.</summary>
/// <param name="Stats">A resource sample of each running container, taken for this report; null from agents that predate it.</param>
public sealed record InventoryReport(
    IReadOnlyList<ContainerSnapshot> Containers,
    DateTimeOffset ReportedAt,
    string AgentVersion,
    string DockerVersion,
    IReadOnlyList<ContainerStats>? Stats = null);
