using System.Globalization;
using Dockward.Core.Commands;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Containers;

/// <summary>
/// GET /api/containers/{agentId}/{name}/stats/live?intervalSeconds=N: a <c>text/event-stream</c> of <c>stats</c>
/// events, one sample read through the agent every N seconds while the client stays (an <c>error</c> event when one
/// cannot be read).
/// </summary>
internal sealed class LiveStatsFunction(ContainerReads reads, TimeProvider clock) : IStreamingHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var intervalText = context.Request.Query["intervalSeconds"];
        var interval = 5;
        if (intervalText.Count > 1 || (intervalText.Count == 1
            && (!int.TryParse(intervalText[0], NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is < 2 or > 60)))
        {
            return Problems.BadRequest("intervalSeconds must be a whole number from 2 to 60, given once.");
        }

        if (!await reads.ExistsAsync(agentId, name, cancellationToken))
        {
            return Problems.NotFound($"No container '{name}' on agent '{agentId}'.");
        }

        var stream = await ServerSentEventStream.StartAsync(context, clock, cancellationToken);
        while (true)
        {
            var sample = await reads.StatsAsync(agentId, name, cancellationToken);
            await (sample.Value is { } stats
                ? stream.EventAsync("stats", stats, cancellationToken)
                : stream.EventAsync("error", new { detail = sample.Detail }, cancellationToken));
            if (sample.Status == ContainerReadStatus.NotFound)
            {
                return Results.Empty;
            }

            await Task.Delay(TimeSpan.FromSeconds(interval), clock, cancellationToken);
        }
    }
}
