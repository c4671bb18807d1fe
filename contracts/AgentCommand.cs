namespace Dockward.Contracts;

/// <summary>
/// A short command for an agent, answered at once (unlike a job, which is an update carried through on its own):
/// start, stop or restart a container, read its logs or a stats sample.
/// </summary>
/// <param name="CommandId">Id of the command; the result names it.</param>
/// <param name="Kind">One of <see cref="CommandKinds"/>; the agent answers any other with a failed result.</param>
/// <param name="ContainerName">The container, by name.</param>
/// <param name="Logs">For <see cref="CommandKinds.Logs"/>: which lines.</param>
public sealed record AgentCommand(string CommandId, string Kind, string ContainerName, LogRequest? Logs = null);
