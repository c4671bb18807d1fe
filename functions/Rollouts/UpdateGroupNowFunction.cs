using Dockward.Core.Audit;
using Dockward.Core.Rollouts;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Rollouts;

/// <summary>
/// POST /api/groups/{group}/update: every managed container of the group whose latest check found a new digest is
/// updated as one rollout (the group's kind; rolling when it has none). 202 with the rollout; 404 when the group has
/// no managed container; 409 when it already has a running rollout; 422 when no container has an update.
/// </summary>
internal sealed class UpdateGroupNowFunction(RolloutPlanner planner, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var group = (string)context.Request.RouteValues["group"]!;
        var actor = Caller.Of(context).Actor;
        var update = await planner.StartGroupAsync(group, actor.Name, cancellationToken);
        await audit.RecordAsync(actor, "rollout.start", $"group/{group}",
            update.Status == GroupUpdateStatus.Started ? AuditResult.Success : AuditResult.Failure,
            update.Rollout is { } rollout ? $"{update.Detail} ({rollout.Id})" : update.Detail, cancellationToken);
        return update.Status switch
        {
            GroupUpdateStatus.Started => Results.Json(update.Rollout, statusCode: StatusCodes.Status202Accepted),
            GroupUpdateStatus.NoContainers => Problems.NotFound(update.Detail),
            GroupUpdateStatus.AlreadyRunning => Problems.Create(StatusCodes.Status409Conflict, "Conflict", update.Detail),
            _ => Problems.Create(StatusCodes.Status422UnprocessableEntity, "Nothing to update", update.Detail),
        };
    }
}
