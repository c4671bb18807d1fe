namespace Dockward.Core.Commands;

/// <summary>Commands for agents, kept until pruned.</summary>
internal interface IAgentCommandStore
{
    /// <summary>Stores a new command; <see cref="Storage.ConcurrencyConflictException"/> when the id exists.</summary>
    Task<CommandRecord> AddAsync(CommandRecord command, CancellationToken cancellationToken);

    /// <summary>A command of one agent: a point read (another agent's command is simply not found).</summary>
    Task<CommandRecord?> GetAsync(string agentId, string commandId, CancellationToken cancellationToken);

    /// <summary>The agent's pending commands, oldest first.</summary>
    Task<IReadOnlyList<CommandRecord>> ListPendingAsync(string agentId, CancellationToken cancellationToken);

    /// <summary>Replaces a command read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<CommandRecord> UpdateAsync(CommandRecord command, CancellationToken cancellationToken);

    /// <summary>Deletes every command created before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
