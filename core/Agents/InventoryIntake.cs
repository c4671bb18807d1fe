using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Events;
using Dockward.Core.Storage;

namespace Dockward.Core.Agents;

/// <summary>
/// Takes an agent's inventory report: replaces its containers, marks the agent seen (and online again), tells this
/// instance's catalog, and publishes what changed: containers that appeared, changed state or health, or went away.
/// </summary>
internal sealed class InventoryIntake(IAgentStore agents, IContainerStore containers, ContainerCatalog catalog, EventLog events, TimeProvider clock)
{
    // Events are stored one by one; an agent's first report can hold thousands of containers.
    private const int PublishConcurrency = 16;

    public async Task AcceptAsync(AgentRecord agent, InventoryReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var records = report.Containers
            .Select(c => new ContainerRecord(
                agent.Id, c.Name, c.Id, c.Image, c.ImageId, c.RepoDigests, c.State, c.Health, c.Labels, c.Created, now, c.Platform, Details: c.Details))
            .ToList();
        var before = await containers.SwapInventoryAsync(agent.Id, records, cancellationToken);

        var cameOnline = agent.LastSeenAt is null || agent.OfflineSince is not null;
        var seen = agent with { LastSeenAt = now, AgentVersion = report.AgentVersion, DockerVersion = report.DockerVersion, OfflineSince = null };
        try
        {
            seen = await agents.UpdateAsync(seen, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // A concurrent report already marked the agent seen (and online); it publishes that, not this one.
            cameOnline = false;
        }

        catalog.Observe(seen, records);

        var changes = Changes(agent.Id, before, records);
        if (cameOnline)
        {
            await events.PublishAsync(EventTypes.AgentOnline, new { agentId = agent.Id, name = agent.Name }, agent.Id, cancellationToken: cancellationToken);
        }

        await Parallel.ForEachAsync(
            changes,
            new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency, CancellationToken = cancellationToken },
            async (change, ct) => await events.PublishAsync(EventTypes.ContainerState, change, agent.Id, change.Name, cancellationToken: ct));
    }

    private static List<ContainerStateChange> Changes(string agentId, IReadOnlyList<ContainerStatus> before, IReadOnlyList<ContainerRecord> after)
    {
        var old = before.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var changes = new List<ContainerStateChange>();
        foreach (var c in after)
        {
            var was = old.GetValueOrDefault(c.Name);
            if (was is null || was.State != c.State || was.Health != c.Health)
            {
                changes.Add(new(agentId, c.Name, was is null ? null : new(was.State, was.Health), new(c.State, c.Health)));
            }

            old.Remove(c.Name);
        }

        changes.AddRange(old.Values.Select(gone => new ContainerStateChange(agentId, gone.Name, new(gone.State, gone.Health), null)));
        return changes;
    }
}
