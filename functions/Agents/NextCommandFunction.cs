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

        var (held, problem) = LongPollWait.Read(context.Request, options.Value.MaxJobWaitSeconds);
        if (problem is not null)
        {
            return problem;
        }

        var command = await relay.NextAsync(agent.Id, held, cancellationToken);
        return command is null ? Results.NoContent() : Results.Json(command);
    }
}
