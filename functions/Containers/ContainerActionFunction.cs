using Dockward.Core.Commands;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Containers;

/// <summary>
/// POST /api/containers/{agentId}/{name}/start|stop|restart: relayed to the agent, answered when it has done it
/// (200 with the container's state), refused (409), failed on the agent (502) or not answered in time (504).
/// One subclass per route: endpoint names are unique.
/// </summary>
internal abstract class ContainerActionFunction(ContainerActions actions, string action) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var outcome = await actions.RunAsync(agentId, name, action, Caller.Of(context).Actor, cancellationToken);
        return outcome.Status switch
        {
            ContainerActionStatus.Done => Results.Json(new { outcome.AgentId, outcome.Name, outcome.Action, outcome.State }),
            ContainerActionStatus.NotFound or ContainerActionStatus.UnknownAction => Problems.NotFound(outcome.Detail!),
            ContainerActionStatus.Failed => Problems.Create(StatusCodes.Status502BadGateway, "Agent error", outcome.Detail!),
            ContainerActionStatus.TimedOut => Problems.Create(StatusCodes.Status504GatewayTimeout, "Agent did not answer", outcome.Detail!),
            _ => Problems.Create(StatusCodes.Status409Conflict, "Conflict", outcome.Detail!),
        };
    }
}
