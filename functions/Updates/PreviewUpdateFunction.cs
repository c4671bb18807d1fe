using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>
/// GET /api/containers/{agentId}/{name}/plan: what updating this container would do — current and target image
/// (tag, digest, created, OCI labels), when and how under its policy, the steps, and what in its create config would
/// differ. Changes nothing.
/// </summary>
internal sealed class PreviewUpdateFunction(UpdatePreviewer previewer) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        var (preview, problem) = await previewer.PreviewAsync(agentId, name, cancellationToken);
        return preview is not null ? Results.Json(preview)
            : problem is null ? Problems.NotFound($"No container '{name}' on agent '{agentId}'.")
            : Problems.Create(StatusCodes.Status422UnprocessableEntity, "Cannot preview", problem);
    }
}
