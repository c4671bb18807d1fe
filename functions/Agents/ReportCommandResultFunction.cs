using Dockward.Contracts;
using Dockward.Core.Commands;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>
/// POST /api/agents/{agentId}/commands/{commandId}/result: the agent's answer to a command it was handed. 204; an
/// answer sent again is accepted and changes nothing (the first answer stands); 404 for a command it was not handed.
/// </summary>
internal sealed class ReportCommandResultFunction(CommandRelay relay, ILogger<ReportCommandResultFunction> logger) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var (result, problem) = await RequestBody.ReadAsync<CommandResult>(context.Request, cancellationToken);
        if (result is null)
        {
            return problem!;
        }

        if (CommandResults.Problem(result) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        var commandId = (string)context.Request.RouteValues["commandId"]!;
        var completion = await relay.CompleteAsync(agent.Id, commandId, result, cancellationToken);
        if (completion == CommandCompletion.Unknown)
        {
            return Problems.NotFound($"Command {commandId} was not handed to this agent.");
        }

        if (completion == CommandCompletion.Accepted && !result.Succeeded)
        {
            logger.LogInformation("Command {CommandId} failed on {AgentId}: {Error}", commandId, agent.Id, result.Error);
        }

        return Results.NoContent();
    }
}
