namespace Dockward.Core.Commands;

/// <summary>How a container action ended.</summary>
internal enum ContainerActionStatus
{
    /// <summary>The agent did it.</summary>
    Done,

    /// <summary>Not start, stop or restart.</summary>
    UnknownAction,

    /// <summary>No such agent or container.</summary>
    NotFound,

    /// <summary>Refused: the agent is offline.</summary>
    AgentOffline,

    /// <summary>Refused: the container is not managed.</summary>
    NotManaged,

    /// <summary>Refused: an update of the container is waiting or running.</summary>
    UpdateInProgress,

    /// <summary>The agent tried and failed.</summary>
    Failed,

    /// <summary>The agent did not answer in time.</summary>
    TimedOut,
}
