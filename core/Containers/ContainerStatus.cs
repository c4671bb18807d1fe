namespace Dockward.Core.Containers;

/// <summary>What a container's state was in the stored inventory: enough to tell what a new report changed.</summary>
internal sealed record ContainerStatus(string Name, string State, string? Health);
