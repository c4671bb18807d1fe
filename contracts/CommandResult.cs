namespace Dockward.Contracts;

/// <summary>How an <see cref="AgentCommand"/> went.</summary>
/// <param name="Succeeded">The command did what it asked.</param>
/// <param name="Error">Why not (e.g. <c>no such container</c>, <c>an update of it is in progress</c>), when it did not.</param>
/// <param name="Lines">For a logs command: the lines, oldest first.</param>
/// <param name="Stats">For a stats command: the sample.</param>
/// <param name="State">For start, stop and restart: the container's Docker state afterwards.</param>
public sealed record CommandResult(
    bool Succeeded,
    string? Error,
    IReadOnlyList<LogLine>? Lines = null,
    ContainerStats? Stats = null,
    string? State = null);
