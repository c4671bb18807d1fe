using Dockward.Core.Agents;
using Dockward.Core.Containers;

namespace Dockward.Functions.Agents;

/// <summary>An agent (Docker host) as <c>/api/agents</c> shows it: never its credential; whether it is online; its containers counted.</summary>
internal sealed record AgentView(
    string Id,
    string Name,
    string AgentVersion,
    string DockerVersion,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? RevokedAt,
    bool Online,
    DateTimeOffset? OfflineSince,
    AgentContainerCounts Containers)
{
    public static AgentView Of(AgentRecord agent, IEnumerable<ContainerRecord> containers, DateTimeOffset now, TimeSpan offlineAfter)
    {
        var online = AgentPresence.IsOnline(agent, now, offlineAfter);
        return new(agent.Id, agent.Name, agent.AgentVersion, agent.DockerVersion, agent.EnrolledAt, agent.LastSeenAt, agent.RevokedAt, online,
            online ? null : agent.OfflineSince, AgentContainerCounts.Of([.. containers], online));
    }
}
