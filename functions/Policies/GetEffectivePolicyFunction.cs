using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>
/// GET /api/containers/{agentId}/{name}/policy: the policy the container is updated by, each setting with its
/// source (<c>label dockward.update</c>, <c>container</c>, <c>group web</c>, <c>global</c>, <c>default</c>).
/// </summary>
internal sealed class GetEffectivePolicyFunction(IContainerStore containers, IPolicyStore store, PolicyResolver resolver) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        if (await containers.GetAsync(agentId, name, cancellationToken) is not { } container)
        {
            return Problems.NotFound($"No container '{name}' on agent '{agentId}'.");
        }

        var book = await PolicyBook.ReadAsync(store, cancellationToken);
        return Results.Json(EffectivePolicyView.Of(agentId, name, resolver.Resolve(container, book)), PolicyJson.Options);
    }
}
