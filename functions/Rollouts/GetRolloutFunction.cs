using Dockward.Core.Rollouts;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Rollouts;

/// <summary>GET /api/rollouts/{rolloutId}: the rollout with its jobs in order, each with its steps, times, duration and result.</summary>
internal sealed class GetRolloutFunction(IRolloutStore rollouts, RolloutMembers members) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var rolloutId = (string)context.Request.RouteValues["rolloutId"]!;
        if (await rollouts.GetAsync(rolloutId, cancellationToken) is not { } rollout)
        {
            return Problems.NotFound($"No rollout '{rolloutId}'.");
        }

        return Results.Json(RolloutView.Of(rollout, await members.ReadAsync(rolloutId, cancellationToken)));
    }
}
