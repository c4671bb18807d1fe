using Dockward.Contracts;
using Dockward.Core.Commands;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Containers;

/// <summary>
/// GET /api/containers/{agentId}/{name}/logs: the newest lines through the agent (<c>{ lines }</c>), or with
/// <c>follow=true</c> a <c>text/event-stream</c> of <c>log</c> events: those lines, then every line after them,
/// asked of the agent about once a second while the client stays. A streaming function, so the function timeout does
/// not cut a follow; a single read is bounded by its command's own timeout.
/// </summary>
internal sealed class ContainerLogsFunction(ContainerReads reads, TimeProvider clock) : IStreamingHttpFunction
{
    private static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(1);

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var (query, invalid) = LogsQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Problems.BadRequest(invalid!);
        }

        var first = await reads.LogsAsync(agentId, name, query.Request, cancellationToken);
        if (first.Value is not { } lines)
        {
            return ProblemOf(first.Status, first.Detail!);
        }

        if (!query.Follow)
        {
            return Results.Json(new { lines = lines.Select(query.View) });
        }

        await FollowAsync(context, agentId, name, query, lines, cancellationToken);
        return Results.Empty;
    }

    private async Task FollowAsync(HttpContext context, string agentId, string name, LogsQuery query, IReadOnlyList<LogLine> first, CancellationToken cancellationToken)
    {
        var stream = await ServerSentEventStream.StartAsync(context, clock, cancellationToken);
        // The agent returns lines strictly after the cursor: the newest line sent, or before any line, from when
        // following began (the host's clock, not this one's, stamps the lines: never mix the two when there is a line).
        var cursor = first.Count > 0 ? first.Max(l => l.Time) : query.Since ?? clock.GetUtcNow();
        var lines = first;
        string? lastError = null;
        while (true)
        {
            foreach (var line in lines)
            {
                await stream.EventAsync("log", query.View(line), cancellationToken);
                cursor = line.Time > cursor ? line.Time : cursor;
            }

            await stream.KeepAliveAsync(cancellationToken);
            await Task.Delay(FollowEvery, clock, cancellationToken);
            var next = await reads.LogsAsync(agentId, name, query.Request with { Tail = ReportLimits.LogLines, Since = cursor }, cancellationToken);
            lines = next.Value ?? [];
            if (next.Value is null && next.Detail != lastError)
            {
                // Said once per change, not every second: the stream stays and picks up when the agent is back.
                await stream.EventAsync("error", new { status = StatusOf(next.Status), detail = next.Detail }, cancellationToken);
            }

            lastError = next.Value is null ? next.Detail : null;
            if (next.Status == ContainerReadStatus.NotFound)
            {
                return;
            }
        }
    }

    /// <summary>The HTTP status a read that did not happen answers with.</summary>
    internal static IResult ProblemOf(ContainerReadStatus status, string detail) =>
        Problems.Create(StatusOf(status), status switch
        {
            ContainerReadStatus.NotFound => "Not found",
            ContainerReadStatus.AgentOffline => "Agent offline",
            ContainerReadStatus.Failed => "Agent error",
            _ => "Agent did not answer",
        }, detail);

    private static int StatusOf(ContainerReadStatus status) => status switch
    {
        ContainerReadStatus.NotFound => StatusCodes.Status404NotFound,
        ContainerReadStatus.AgentOffline => StatusCodes.Status409Conflict,
        ContainerReadStatus.Failed => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status504GatewayTimeout,
    };
}
