using Dockward.Core.Agents;
using Dockward.Core.Events;
using Dockward.Core.Storage;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Agents;

/// <summary>
/// Timer: an agent not heard from within <c>Agents:OfflineAfterSeconds</c> is marked offline (<c>OfflineSince</c>)
/// and <c>agent.offline</c> is published, once per outage: its next report ends the outage.
/// </summary>
internal sealed class MarkOfflineAgentsFunction(
    IAgentStore agents,
    EventLog events,
    IOptions<AgentsOptions> options,
    TimeProvider clock,
    ILogger<MarkOfflineAgentsFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var offlineAfter = TimeSpan.FromSeconds(options.Value.OfflineAfterSeconds);
        var marked = 0;
        foreach (var agent in await agents.ListAsync(cancellationToken))
        {
            var markedThisOutage = agent.OfflineSince is { } since && (agent.LastSeenAt is null || since >= agent.LastSeenAt);
            if (agent.RevokedAt is not null || markedThisOutage || AgentPresence.IsOnline(agent, now, offlineAfter))
            {
                continue;
            }

            try
            {
                await agents.UpdateAsync(agent with { OfflineSince = now }, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // It reported meanwhile: not offline after all.
                continue;
            }

            marked++;
            logger.LogWarning("Agent {AgentId} ({AgentName}) is offline: last heard from at {LastSeenAt:o}", agent.Id, agent.Name, agent.LastSeenAt);
            await events.PublishAsync(
                EventTypes.AgentOffline, new { agentId = agent.Id, name = agent.Name, lastSeenAt = agent.LastSeenAt, offlineSince = now }, agent.Id,
                cancellationToken: cancellationToken);
        }

        logger.LogDebug("Marked {Agents} agents offline", marked);
    }
}
