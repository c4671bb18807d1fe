namespace Dockward.Core.Commands;

/// <summary>What came of a start, stop or restart of one container.</summary>
/// <param name="State">The container's Docker state afterwards, when the agent did it.</param>
/// <param name="Detail">Why it was refused or failed; null when done.</param>
internal sealed record ContainerActionOutcome(
    string AgentId,
    string Name,
    string Action,
    ContainerActionStatus Status,
    string? State,
    string? Detail);
