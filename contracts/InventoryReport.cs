namespace Dockward.Contracts;

/// <summary>Every container on the agent's host at one moment; the control plane replaces its view with it.</summary>
public sealed record InventoryReport(
    IReadOnlyList<ContainerSnapshot> Containers,
    DateTimeOffset ReportedAt,
    string AgentVersion,
    string DockerVersion);
