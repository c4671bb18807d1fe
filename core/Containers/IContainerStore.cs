namespace Dockward.Core.Containers;

/// <summary>The inventory of every agent's host.</summary>
internal interface IContainerStore
{
    /// <summary>
    /// Makes the stored inventory of <paramref name="agentId"/> exactly <paramref name="containers"/>.
    /// The agent is the only writer of its own inventory, so this overwrites without a concurrency check. A backend
    /// may leave a container that did not change as it was, <see cref="ContainerRecord.ReportedAt"/> and version included.
    /// </summary>
    Task ReplaceInventoryAsync(string agentId, IReadOnlyList<ContainerRecord> containers, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ReplaceInventoryAsync"/>, and says what each container's state was before, so the caller can
    /// tell what the report changed. Backends that read the partition anyway answer from that one read.
    /// </summary>
    async Task<IReadOnlyList<ContainerStatus>> SwapInventoryAsync(
        string agentId, IReadOnlyList<ContainerRecord> containers, CancellationToken cancellationToken)
    {
        var before = (await ListAsync(cancellationToken))
            .Where(c => c.AgentId == agentId)
            .Select(c => new ContainerStatus(c.Name, c.State, c.Health))
            .ToList();
        await ReplaceInventoryAsync(agentId, containers, cancellationToken);
        return before;
    }

    /// <summary>
    /// Every container of every agent, without <see cref="ContainerRecord.Details"/>: the scans and the list read
    /// this often and need none of them; <see cref="GetAsync"/> reads a container whole.
    /// </summary>
    Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The containers of one agent, without <see cref="ContainerRecord.Details"/>, as <see cref="ListAsync"/> gives them.</summary>
    async Task<IReadOnlyList<ContainerRecord>> ListForAgentAsync(string agentId, CancellationToken cancellationToken) =>
        [.. (await ListAsync(cancellationToken)).Where(c => c.AgentId == agentId)];

    /// <summary>One container with its details, or null when its agent never reported it.</summary>
    Task<ContainerRecord?> GetAsync(string agentId, string name, CancellationToken cancellationToken);
}
