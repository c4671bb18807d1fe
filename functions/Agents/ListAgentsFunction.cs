using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Agents;

/// <summary>GET /api/agents: the enrolled agents with whether each is online and its containers counted (never their credentials).</summary>
internal sealed class ListAgentsFunction(IAgentStore agents, IContainerStore containers, IOptions<AgentsOptions> options, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var offlineAfter = TimeSpan.FromSeconds(options.Value.OfflineAfterSeconds);
        var byAgent = (await containers.ListAsync(cancellationToken)).ToLookup(c => c.AgentId, StringComparer.Ordinal);
        return Results.Json((await agents.ListAsync(cancellationToken))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => AgentView.Of(a, byAgent[a.Id], now, offlineAfter)));
    }
}
