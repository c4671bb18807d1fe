using Dockward.Core.Audit;
using Dockward.Core.Commands;
using Dockward.Core.Containers;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Containers;

/// <summary>
/// POST /api/containers/actions, body <c>{"action":"stop","containers":[{"agentId":"…","name":"web"}, …]}</c>: one
/// action (start, stop, restart, update, register, unregister) over a selection, each container as its own route would
/// do it; 207 with one result per container, in the order given. Start, stop and restart go to the agents eight at a
/// time (at most 64 per request), so one slow agent does not hold up the rest.
/// </summary>
internal sealed class BulkContainerActionsFunction(
    ContainerActions actions, ContainerRegistrations registrations, IContainerStore containers, ManualUpdates updates, AuditTrail audit) : IHttpFunction
{
    private const int AgentCallsAtOnce = 8;

    // Eight rounds of agents that do not answer (30 s each by default) still end within the function timeout (5 min).
    private const int MaxRelayed = 64;
    private static readonly string[] Actions = ["start", "stop", "restart", "update", "register", "unregister"];

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync<BulkRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!Actions.Contains(body!.Action, StringComparer.Ordinal))
        {
            return Problems.BadRequest($"action must be one of {string.Join(", ", Actions)}.");
        }

        if (body.Containers is not { Count: > 0 and <= ManualUpdates.MaxContainers } picked)
        {
            return Problems.BadRequest($"containers must list 1 to {ManualUpdates.MaxContainers} containers.");
        }

        if (body.Action is "start" or "stop" or "restart" && picked.Count > MaxRelayed)
        {
            return Problems.BadRequest($"{body.Action} goes to the agents and waits for each: at most {MaxRelayed} containers per request.");
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
        IReadOnlyList<BulkResult> results = body.Action switch
        {
            "update" => await UpdateAsync(picked, actor, cancellationToken),
            "register" or "unregister" => await RegisterAsync(picked, body.Action == "register", actor, cancellationToken),
            _ => await RelayAsync(picked, body.Action, actor, cancellationToken),
        };
        return Results.Json(new { action = body.Action, results }, statusCode: StatusCodes.Status207MultiStatus);
    }

    private async Task<IReadOnlyList<BulkResult>> RelayAsync(IReadOnlyList<Picked> picked, string action, Actor actor, CancellationToken cancellationToken)
    {
        var results = new BulkResult[picked.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, picked.Count),
            new ParallelOptions { MaxDegreeOfParallelism = AgentCallsAtOnce, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                // ContainerActions audits and publishes each one itself.
                var outcome = await actions.RunAsync(picked[i].AgentId, picked[i].Name, action, actor, ct);
                results[i] = new BulkResult(outcome.AgentId, outcome.Name, StatusOf(outcome.Status), outcome.State, outcome.Detail);
            });
        return results;
    }

    private async Task<IReadOnlyList<BulkResult>> RegisterAsync(IReadOnlyList<Picked> picked, bool managed, Actor actor, CancellationToken cancellationToken)
    {
        var results = new List<BulkResult>(picked.Count);
        foreach (var (agentId, name) in picked)
        {
            if (await containers.GetAsync(agentId, name, cancellationToken) is null)
            {
                results.Add(new BulkResult(agentId, name, "not_found", null, $"No container '{name}' on agent '{agentId}'."));
                continue;
            }

            await registrations.SetAsync(agentId, name, managed, actor.Name, cancellationToken);
            await audit.SucceededAsync(actor, managed ? "container.register" : "container.unregister", $"{agentId}/{name}", null, cancellationToken);
            results.Add(new BulkResult(agentId, name, "done", null, null));
        }

        return results;
    }

    private async Task<IReadOnlyList<BulkResult>> UpdateAsync(IReadOnlyList<Picked> picked, Actor actor, CancellationToken cancellationToken)
    {
        var requested = await updates.RequestManyAsync([.. picked.Select(c => (c.AgentId, c.Name))], actor.Name, cancellationToken);
        var results = new List<BulkResult>(requested.Count);
        foreach (var result in requested)
        {
            var created = result.Request?.Status == UpdateRequestStatus.Created;
            await audit.RecordAsync(actor, "container.update", $"{result.AgentId}/{result.Name}", created ? AuditResult.Success : AuditResult.Failure,
                result.Request is { } request ? $"to {request.Job?.TargetDigest}: {request.Status}" : result.Detail, cancellationToken);
            results.Add(result.Request is { } made
                ? new BulkResult(result.AgentId, result.Name, created ? "done" : Snake(made.Status.ToString()), made.Job is { } job ? Snake(job.State.ToString()) : null, made.Detail)
                : new BulkResult(result.AgentId, result.Name, Snake(result.Problem!.Value.ToString()), null, result.Detail));
        }

        return results;
    }

    private static string StatusOf(ContainerActionStatus status) => status == ContainerActionStatus.Done ? "done" : Snake(status.ToString());

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private sealed record BulkRequest(string Action, IReadOnlyList<Picked>? Containers);

    private sealed record Picked(string AgentId, string Name);

    /// <param name="Status"><c>done</c>, or why not: <c>not_found</c>, <c>agent_offline</c>, <c>not_managed</c>, <c>update_in_progress</c>, <c>failed</c>, <c>timed_out</c>, <c>already_active</c>, <c>quarantined</c>, <c>cannot_update</c>…</param>
    /// <param name="State">The container's state after a start, stop or restart; the job's state after an update.</param>
    private sealed record BulkResult(string AgentId, string Name, string Status, string? State, string? Detail);
}
