namespace Dockward.Core.Containers;

/// <summary>Explicit registrations of containers for management (<see cref="ContainerRegistration"/>).</summary>
internal interface IContainerManagementStore
{
    /// <summary>Records the registration, replacing any earlier one of the same container (last word wins).</summary>
    Task SaveAsync(ContainerRegistration registration, CancellationToken cancellationToken);

    Task<ContainerRegistration?> GetAsync(string agentId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<ContainerRegistration>> ListAsync(CancellationToken cancellationToken);
}
