using Dockward.Contracts;

namespace Dockward.Core.Commands;

/// <summary>What came of a command sent to an agent.</summary>
/// <param name="Result">The agent's answer; null when none came in time.</param>
/// <param name="Delivered">
/// Whether the agent took the command. One that was taken but not answered in time may still have run;
/// one that was not is expired and never runs.
/// </param>
internal sealed record CommandReply(CommandResult? Result, bool Delivered)
{
    public bool Answered => Result is not null;
}
