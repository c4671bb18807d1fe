using Dockward.Contracts;

namespace Dockward.Core.Commands;

/// <summary>A command for one agent as stored, so that any control-plane instance can hand it out or read its answer.</summary>
/// <param name="Id">Sorts by creation time (<see cref="Events.EventIds"/>): the agent gets its commands oldest first.</param>
/// <param name="ExpiresAt">Not handed out from then on.</param>
/// <param name="Result">The agent's answer, once <see cref="CommandState.Done"/>.</param>
/// <param name="Version">Concurrency token of the stored record; null for a record not stored yet.</param>
internal sealed record CommandRecord(
    string Id,
    string AgentId,
    string ContainerName,
    string Kind,
    LogRequest? Logs,
    CommandState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClaimedAt = null,
    CommandResult? Result = null,
    string? Version = null)
{
    /// <summary>The command as the agent gets it.</summary>
    public AgentCommand ToCommand() => new(Id, Kind, ContainerName, Logs);
}
