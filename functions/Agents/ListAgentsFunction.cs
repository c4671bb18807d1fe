using Dockward.Core.Agents;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Agents;

/// <summary>GET /api/agents: the enrolled agents (never their credentials).</summary>
internal sealed class ListAgentsFunction(IAgentStore agents) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json((await agents.ListAsync(cancellationToken)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Select(a => new
        {
            a.Id,
            a.Name,
            a.AgentVersion,
            a.DockerVersion,
            a.EnrolledAt,
            a.LastSeenAt,
            a.RevokedAt,
        }));
}
