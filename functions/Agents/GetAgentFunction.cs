using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Agents;

/// <summary>GET /api/agents/{agentId}: one agent as the list shows it; 404 when there is no such agent.</summary>
internal sealed class GetAgentFunction(IAgentStore agents, IContainerStore containers, IOptions<AgentsOptions> options, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        if (agentId.Length > 64 || await agents.GetAsync(agentId, cancellationToken) is not { } agent)
        {
            return Problems.NotFound($"No agent '{(agentId.Length > 64 ? agentId[..64] + "…" : agentId)}'.");
        }

        var theirs = (await containers.ListAsync(cancellationToken)).Where(c => c.AgentId == agent.Id);
        return Results.Json(AgentView.Of(agent, theirs, clock.GetUtcNow(), TimeSpan.FromSeconds(options.Value.OfflineAfterSeconds)));
    }
}
