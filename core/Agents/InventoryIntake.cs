using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Storage;

namespace Dockward.Core.Agents;

/// <summary>Takes an agent's inventory report: replaces its containers and marks the agent seen.</summary>
internal sealed class InventoryIntake(IAgentStore agents, IContainerStore containers, TimeProvider clock)
{
    public async Task AcceptAsync(AgentRecord agent, InventoryReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var records = report.Containers
            .Select(c => new ContainerRecord(agent.Id, c.Name, c.Id, c.Image, c.ImageId, c.RepoDigests, c.State, c.Health, c.Labels, c.Created, now, c.Platform))
            .ToList();
        await containers.ReplaceInventoryAsync(agent.Id, records, cancellationToken);

        try
        {
            await agents.UpdateAsync(agent with { LastSeenAt = now, AgentVersion = report.AgentVersion, DockerVersion = report.DockerVersion }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // A concurrent report already marked the agent seen; nothing is lost.
        }
    }
}
