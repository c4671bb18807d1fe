using Dockward.Core.Audit;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Updates;

/// <summary>
/// POST /api/updates, body <c>{"containers":[{"agentId":"…","name":"web"}, …]}</c>: "update now" for several containers,
/// each as <c>POST /api/containers/{agentId}/{name}/update</c> would; 207 with one result per container, in order.
/// </summary>
internal sealed class UpdateManyNowFunction(ManualUpdates updates, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync<Selection>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Containers is not { Count: > 0 and <= ManualUpdates.MaxContainers } picked)
        {
            return Problems.BadRequest($"containers must list 1 to {ManualUpdates.MaxContainers} containers.");
        }

        if (picked.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.AgentId) || string.IsNullOrWhiteSpace(c.Name) || c.AgentId.Length > 200 || c.Name.Length > 300) is { } bad)
        {
            return Problems.BadRequest($"Every container needs an agentId and a name (got agentId '{bad.AgentId}', name '{bad.Name}').");
        }

        if (picked.DistinctBy(c => (c.AgentId, c.Name)).Count() != picked.Count)
        {
            return Problems.BadRequest("A container is listed twice.");
        }

        var actor = Caller.Of(context).Actor;
        var results = await updates.RequestManyAsync([.. picked.Select(c => (c.AgentId, c.Name))], actor.Name, cancellationToken);
        foreach (var result in results)
        {
            await audit.RecordAsync(actor, "container.update", $"{result.AgentId}/{result.Name}",
                result.Request?.Status == UpdateRequestStatus.Created ? AuditResult.Success : AuditResult.Failure,
                result.Request is { } request ? $"to {request.Job?.TargetDigest}: {request.Status}" : result.Detail, cancellationToken);
        }

        return Results.Json(results, statusCode: StatusCodes.Status207MultiStatus);
    }

    private sealed record Selection(IReadOnlyList<Picked>? Containers);

    private sealed record Picked(string AgentId, string Name);
}
