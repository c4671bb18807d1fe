using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Containers.Config;
using Dockward.Core.Security;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Containers;

/// <summary>
/// POST /api/containers/{agentId}/{name}/config/preview: what a configuration edit (body: a ConfigChange) would
/// change, before and after, env values that look secret masked unless the caller is an admin. Stores nothing.
/// </summary>
internal sealed class PreviewConfigFunction(IContainerStore containers, IUpdateJobStore jobs, TimeProvider clock) : IHttpFunction
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

        var edits = new ConfigEdits(containers, jobs, clock);
        var result = await edits.PreviewAsync(agentId, name, change, Caller.Of(context).Role == Role.Admin, cancellationToken);
        return result.Preview is { } preview ? Results.Json(preview) : ConfigEditResults.Refusal(result);
    }
}
