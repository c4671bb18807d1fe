using Dockward.Core.Containers;

namespace Dockward.Benchmarks.Storage;

/// <summary>
/// The inventory in memory. The benchmark measures registry checks, not a storage backend: with the table
/// store, the N-container list and N check writes would dominate and measure Azurite instead.
/// </summary>
internal sealed class InMemoryContainerStore : IContainerStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Agent, string Name), ContainerRecord> containers = [];

    public Task ReplaceInventoryAsync(string agentId, IReadOnlyList<ContainerRecord> inventory, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in containers.Keys.Where(k => k.Agent == agentId).ToList())
            {
                containers.Remove(key);
            }

            foreach (var container in inventory)
            {
                containers[(agentId, container.Name)] = container;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ContainerRecord>>([.. containers.Values]);
        }
    }

    public Task<ContainerRecord?> GetAsync(string agentId, string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(containers.GetValueOrDefault((agentId, name)));
        }
    }
}
