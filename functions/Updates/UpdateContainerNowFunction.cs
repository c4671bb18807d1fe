using Dockward.Core.Audit;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Updates;

/// <summary>
/// POST /api/containers/{agentId}/{name}/update: update one container now to what its tag points at
/// on the registry (also retries a digest that was rolled back before). 202 with the job.
/// </summary>
internal sealed class UpdateContainerNowFunction(ManualUpdates updates, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var actor = Caller.Of(context).Actor;
        var result = await updates.RequestAsync(agentId, name, actor.Name, null, cancellationToken);
        if (result.Request is not { } request)
        {
            return result.Problem switch
            {
                ManualUpdateProblem.NotFound => Problems.NotFound(result.Detail!),
                ManualUpdateProblem.NotManaged => Problems.Create(StatusCodes.Status409Conflict, "Not managed", result.Detail!),
                ManualUpdateProblem.RegistryError => Problems.Create(StatusCodes.Status502BadGateway, "Registry error", result.Detail!),
                _ => Problems.Create(StatusCodes.Status422UnprocessableEntity, "Cannot update", result.Detail!),
            };
        }

        await audit.RecordAsync(actor, "container.update", $"{agentId}/{name}",
            request.Status == UpdateRequestStatus.Created ? AuditResult.Success : AuditResult.Failure,
            $"to {request.Job?.TargetDigest}: {request.Status}", cancellationToken);
        return request.Status == UpdateRequestStatus.Created
            ? Results.Json(request, statusCode: StatusCodes.Status202Accepted)
            : Results.Json(request, statusCode: StatusCodes.Status409Conflict);
    }
}
