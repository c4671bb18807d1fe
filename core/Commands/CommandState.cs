namespace Dockward.Core.Commands;

/// <summary>Where an agent command is in its short life.</summary>
internal enum CommandState
{
    /// <summary>Written, waiting for its agent's long poll.</summary>
    Pending,

    /// <summary>Handed to the agent (exactly once: the claim is conditional on the record's version).</summary>
    Claimed,

    /// <summary>The agent answered; the first answer stands.</summary>
    Done,

    /// <summary>Nobody took it in time: never handed out afterwards, so an agent coming back later does not run a stale stop.</summary>
    Expired,
}
