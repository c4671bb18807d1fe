using Dockward.Core.Agents;
using Dockward.Core.Commands;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Agents;

/// <summary>
/// GET /api/agents/{agentId}/commands/next?waitSeconds=N: long-polls for the agent's next command (start, stop,
/// restart, logs, stats); 204 when none came, holding at most Agents:MaxJobWaitSeconds.
/// </summary>
internal sealed class NextCommandFunction(CommandRelay relay, IOptions<AgentsOptions> options) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var waitText = context.Request.Query["waitSeconds"].ToString();
        var wait = 0;
        if (waitText.Length > 0 && (!int.TryParse(waitText, out wait) || wait < 0 || wait > 3600))
        {
            return Problems.BadRequest("waitSeconds must be a whole number of seconds from 0 to 3600.");
        }

        // Shortened, not refused, like the job poll: an agent configured for more still gets its commands.
        var held = Math.Min(wait, options.Value.MaxJobWaitSeconds);
        var command = await relay.NextAsync(agent.Id, TimeSpan.FromSeconds(held), cancellationToken);
        return command is null ? Results.NoContent() : Results.Json(command);
    }
}
