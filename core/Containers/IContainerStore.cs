namespace Dockward.Core.Containers;

/// <summary>The inventory of every agent's host.</summary>
internal interface IContainerStore
{
    /// <summary>
    /// Makes the stored inventory of <paramref name="agentId"/> exactly <paramref name="containers"/>.
    /// The agent is the only writer of its own inventory, so this overwrites without a concurrency check.
    /// </summary>
    Task ReplaceInventoryAsync(string agentId, IReadOnlyList<ContainerRecord> containers, CancellationToken cancellationToken);

    Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken);

    Task<ContainerRecord?> GetAsync(string agentId, string name, CancellationToken cancellationToken);
}
