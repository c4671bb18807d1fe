using Dockward.Contracts;
using Dockward.Core.Agents;
using Dockward.Core.Containers.Stats;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/{agentId}/inventory: the agent's containers, at start, on events and as its heartbeat.</summary>
internal sealed class ReportInventoryFunction(InventoryIntake intake, StatsHistory stats) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var (report, problem) = await RequestBody.ReadAsync<InventoryReport>(context.Request, cancellationToken);
        if (report is null)
        {
            return problem!;
        }

        if ((InventoryValidation.FirstError(report) ?? StatsSamples.Problem(report.Stats)) is { } error)
        {
            return Problems.BadRequest(error);
        }

        await intake.AcceptAsync(agent, report, cancellationToken);
        await stats.RecordAsync(agent.Id, report.Stats, cancellationToken);
        return Results.NoContent();
    }
}
