namespace Dockward.Core.Containers;

/// <summary>The data of a <c>container.state</c> event: <see cref="Before"/> is null when it appeared, <see cref="After"/> when it went away.</summary>
internal sealed record ContainerStateChange(string AgentId, string Name, ContainerStateChange.Status? Before, ContainerStateChange.Status? After)
{
    /// <summary>A container's Docker state and health at one moment.</summary>
    internal sealed record Status(string State, string? Health);
}
