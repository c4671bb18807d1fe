using Dockward.Contracts;
using Dockward.Core.Agents;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/{agentId}/inventory: the agent's containers, at start, on events and as its heartbeat.</summary>
internal sealed class ReportInventoryFunction(InventoryIntake intake) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var (report, problem) = await RequestBody.ReadAsync<InventoryReport>(context.Request, cancellationToken);
        if (report is null)
        {
            return problem!;
        }

        if (InventoryValidation.FirstError(report) is { } error)
        {
            return Problems.BadRequest(error);
        }

        await intake.AcceptAsync(agent, report, cancellationToken);
        return Results.NoContent();
    }
}
