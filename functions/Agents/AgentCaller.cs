using Dockward.Core.Agents;

namespace Dockward.Functions.Agents;

/// <summary>Authenticates the agent calling an agent route: its bearer credential must belong to the agent id in the route.</summary>
internal sealed class AgentCaller(AgentEnrolment enrolment)
{
    public async Task<AgentRecord?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = context.Request.RouteValues["agentId"] as string ?? "";
        var header = context.Request.Headers.Authorization.ToString();
        var credential = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return await enrolment.AuthenticateAsync(agentId, credential, cancellationToken);
    }
}
