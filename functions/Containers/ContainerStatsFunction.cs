using System.Globalization;
using Dockward.Core.Commands;
using Dockward.Core.Containers.Stats;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Containers;

/// <summary>
/// GET /api/containers/{agentId}/{name}/stats?minutes=N: <c>{ current, currentError, history }</c>, the current sample
/// read now through the agent (null with the reason when it cannot be) and the stored samples of the last N minutes.
/// </summary>
internal sealed class ContainerStatsFunction(ContainerReads reads, StatsHistory history) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var minutesText = context.Request.Query["minutes"];
        var minutes = 60;
        if (minutesText.Count > 1 || (minutesText.Count == 1
            && (!int.TryParse(minutesText[0], NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes is < 1 or > 1440)))
        {
            return Problems.BadRequest("minutes must be a whole number from 1 to 1440, given once.");
        }

        var current = await reads.StatsAsync(agentId, name, cancellationToken);
        if (current.Status == ContainerReadStatus.NotFound)
        {
            return Problems.NotFound(current.Detail!);
        }

        var samples = await history.ReadAsync(agentId, name, TimeSpan.FromMinutes(minutes), cancellationToken);
        return Results.Json(new { current = current.Value, currentError = current.Detail, history = samples });
    }
}
