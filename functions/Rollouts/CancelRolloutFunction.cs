using Dockward.Core.Audit;
using Dockward.Core.Rollouts;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Rollouts;

/// <summary>
/// POST /api/rollouts/{rolloutId}/cancel: members not started are cancelled, running ones finish. 200 with the
/// rollout; 404 unknown; 409 when it has already ended.
/// </summary>
internal sealed class CancelRolloutFunction(RolloutConductor conductor, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var rolloutId = (string)context.Request.RouteValues["rolloutId"]!;
        var actor = Caller.Of(context).Actor;
        var cancellation = await conductor.CancelAsync(rolloutId, actor.Name, cancellationToken);
        switch (cancellation.Status)
        {
            case RolloutCancellationStatus.NotFound:
                return Problems.NotFound($"No rollout '{rolloutId}'.");
            case RolloutCancellationStatus.AlreadyEnded:
                await audit.FailedAsync(actor, "rollout.cancel", rolloutId, $"already {Wire(cancellation.Rollout!.State)}", cancellationToken);
                return Problems.Create(StatusCodes.Status409Conflict, "Conflict", $"Rollout '{rolloutId}' has already ended ({Wire(cancellation.Rollout.State)}).");
            default:
                await audit.SucceededAsync(actor, "rollout.cancel", rolloutId, $"group {cancellation.Rollout!.Group}", cancellationToken);
                return Results.Json(cancellation.Rollout);
        }
    }

    private static string Wire(RolloutState state) => System.Text.Json.JsonSerializer.Serialize(state).Trim('"');
}
