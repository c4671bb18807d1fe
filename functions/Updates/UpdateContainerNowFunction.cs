using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Updates;

/// <summary>
/// POST /api/containers/{agentId}/{name}/update: update one container now to what its tag points at
/// on the registry (also retries a digest that was rolled back before). 202 with the job.
/// </summary>
internal sealed class UpdateContainerNowFunction(IContainerStore containers, RegistryClient registry, UpdateRequester updates, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        if (await containers.GetAsync(agentId, name, cancellationToken) is not { } container)
        {
            return Problems.NotFound($"No container '{name}' on agent '{agentId}'.");
        }

        if (!ImageReference.TryParse(container.Image, out var image, out var error))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Cannot update", $"The container's image cannot be checked: {error}.");
        }

        if (image.Digest is not null)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Cannot update", $"{container.Image} is pinned by digest: there is no newer image to update to.");
        }

        var lookup = await registry.GetDigestAsync(image, cancellationToken);
        if (lookup.Digest is null)
        {
            return Problems.Create(StatusCodes.Status502BadGateway, "Registry error", lookup.Error!);
        }

        var request = await updates.RequestAsync(container, lookup.Digest, Triggers.Manual, cancellationToken);
        await audit.RecordAsync(Caller.Of(context).Actor, "container.update", $"{agentId}/{name}",
            request.Status == UpdateRequestStatus.Created ? AuditResult.Success : AuditResult.Failure,
            $"to {lookup.Digest}: {request.Status}", cancellationToken);
        return request.Status == UpdateRequestStatus.Created
            ? Results.Json(request, statusCode: StatusCodes.Status202Accepted)
            : Results.Json(request, statusCode: StatusCodes.Status409Conflict);
    }
}
