using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Containers;

/// <summary>GET /api/containers: every container of every agent with its effective policy.</summary>
internal sealed class ListContainersFunction(IContainerStore containers, IPolicyStore policyStore, PolicyResolver policies) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var all = await containers.ListAsync(cancellationToken);
        var book = await PolicyBook.ReadAsync(policyStore, cancellationToken);
        return Results.Json(all
            .OrderBy(c => c.AgentId, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new { container = c, policy = policies.Resolve(c, book) }));
    }
}
