namespace Dockward.Core.Commands;

/// <summary>What an agent's answer to a command did.</summary>
internal enum CommandCompletion
{
    /// <summary>It ended the command.</summary>
    Accepted,

    /// <summary>The command was answered already: the first answer stands (a retry whose first answer was lost).</summary>
    Repeated,

    /// <summary>No command of this agent with that id was handed to it.</summary>
    Unknown,
}
