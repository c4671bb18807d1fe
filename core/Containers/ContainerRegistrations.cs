using Dockward.Core.Events;

namespace Dockward.Core.Containers;

/// <summary>Registers containers for management or takes them out of it: stored, shown at once in this instance's catalog, published.</summary>
internal sealed class ContainerRegistrations(IContainerManagementStore store, ContainerCatalog catalog, EventLog events, TimeProvider clock)
{
    public async Task<ContainerRegistration> SetAsync(string agentId, string name, bool managed, string by, CancellationToken cancellationToken)
    {
        var registration = new ContainerRegistration(agentId, name, managed, by, clock.GetUtcNow());
        await store.SaveAsync(registration, cancellationToken);
        catalog.Observe(registration);
        await events.PublishAsync(
            EventTypes.ContainerManagement, new { agentId, name, managed, by }, agentId, name, cancellationToken: cancellationToken);
        return registration;
    }
}
