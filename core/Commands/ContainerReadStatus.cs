namespace Dockward.Core.Commands;

/// <summary>How reading a container's logs or stats through its agent went.</summary>
internal enum ContainerReadStatus
{
    Read,
    NotFound,
    AgentOffline,
    Failed,
    TimedOut,
}
