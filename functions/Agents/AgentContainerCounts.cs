using Dockward.Core.Containers;

namespace Dockward.Functions.Agents;

/// <summary>
/// An agent's containers by state. While the agent is offline every one is <c>unknown</c>: what it last reported may
/// no longer be true, and a container is not known to be stopped just because its host went quiet.
/// </summary>
internal sealed record AgentContainerCounts(int Total, int Running, int Stopped, int Unhealthy, int Unknown)
{
    public static AgentContainerCounts Of(IReadOnlyCollection<ContainerRecord> containers, bool agentOnline) =>
        agentOnline
            ? new(
                containers.Count,
                containers.Count(c => c.State == "running"),
                containers.Count(c => c.State is "exited" or "created" or "dead"),
                containers.Count(c => c.Health == "unhealthy"),
                0)
            : new(containers.Count, 0, 0, 0, containers.Count);
}
