namespace Dockward.Core.Agents;

/// <summary>Enrolled agents.</summary>
internal interface IAgentStore
{
    Task<AgentRecord?> GetAsync(string agentId, CancellationToken cancellationToken);

    Task<AgentRecord?> FindByNameAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new agent; <see cref="Storage.ConcurrencyConflictException"/> when the id exists.</summary>
    Task<AgentRecord> AddAsync(AgentRecord agent, CancellationToken cancellationToken);

    /// <summary>Replaces an agent read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<AgentRecord> UpdateAsync(AgentRecord agent, CancellationToken cancellationToken);
}
