namespace Dockward.Core.Agents;

/// <summary>
/// Whether an agent is online: heard from within <see cref="AgentsOptions.OfflineAfterSeconds"/> and not marked
/// offline since. Read from the record's times, so it holds between runs of the <c>MarkOfflineAgents</c> timer too.
/// </summary>
internal static class AgentPresence
{
    public static bool IsOnline(AgentRecord agent, DateTimeOffset now, TimeSpan offlineAfter) =>
        agent.RevokedAt is null
        && agent.LastSeenAt is { } seen
        && now - seen < offlineAfter
        && (agent.OfflineSince is null || agent.OfflineSince < seen);
}
