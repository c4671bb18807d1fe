using Dockward.Contracts;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Containers.Config;
using Dockward.Core.Security;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Containers;

/// <summary>
/// POST /api/containers/{agentId}/{name}/config: apply a configuration edit (body: a ConfigChange) by recreating
/// the container through the update engine (same gate, rolled back on failure). 202 with the job and its changes;
/// 409 while another job of the container has not ended; 422 with every problem of an invalid edit.
/// </summary>
internal sealed class EditConfigFunction(IContainerStore containers, IUpdateJobStore jobs, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var (change, bad) = await RequestBody.ReadAsync<ConfigChange>(context.Request, cancellationToken);
        if (change is null)
        {
            return bad!;
        }

        var caller = Caller.Of(context);
        var edits = new ConfigEdits(containers, jobs, clock);
        var result = await edits.RequestAsync(agentId, name, change, caller.Actor.Name, caller.Role == Role.Admin, cancellationToken);
        if (result is not { Job: { } job, Preview: { } preview })
        {
            if (result.Problem != ConfigEditProblem.NotFound)
            {
                await audit.FailedAsync(caller.Actor, "container.config", $"{agentId}/{name}", string.Join("; ", result.Problems), cancellationToken);
            }

            return ConfigEditResults.Refusal(result);
        }

        // The audit names what the edit touches, never an env value.
        await audit.SucceededAsync(caller.Actor, "container.config", $"{agentId}/{name}", $"job {job.Id}: {ConfigPreviewer.Summary(change)}", cancellationToken);
        return Results.Json(new { jobId = job.Id, state = job.State, changes = preview.Changes }, statusCode: StatusCodes.Status202Accepted);
    }
}
