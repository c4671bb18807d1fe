using Dockward.Core.Security;

namespace Dockward.Core.Events;

/// <summary>Which events one client gets: those its role may see, of the types and the agent it asked for.</summary>
/// <param name="Types">The event types wanted; null for every type.</param>
/// <param name="AgentId">Only events of this agent; null for every agent's and the system's.</param>
internal sealed record EventFilter(Role Role, IReadOnlySet<string>? Types = null, string? AgentId = null)
{
    public bool Matches(EventRecord record) =>
        record.Visibility <= Role
        && (Types is null || Types.Contains(record.Type))
        && (AgentId is null || string.Equals(record.AgentId, AgentId, StringComparison.Ordinal));
}
