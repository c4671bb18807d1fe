namespace Dockward.Core.Policies;

/// <summary>The effective policy of one container.</summary>
/// <param name="Managed">Whether Dockward watches the container at all.</param>
/// <param name="Mode">What happens when an update is found.</param>
public sealed record ContainerPolicy(bool Managed, UpdateMode Mode);
