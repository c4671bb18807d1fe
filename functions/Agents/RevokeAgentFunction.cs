using Dockward.Core.Agents;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/{agentId}/revoke: the agent's credential stops working at once (401).</summary>
internal sealed class RevokeAgentFunction(AgentEnrolment enrolment) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var (agent, refusal) = await enrolment.RevokeAsync(agentId, Caller.Of(context).Actor, cancellationToken);
        return agent is null ? Problems.From(refusal!) : Results.Json(new { agent.Id, agent.Name, agent.RevokedAt });
    }
}
