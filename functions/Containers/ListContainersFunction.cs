using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Containers;

/// <summary>
/// GET /api/containers?q=&amp;agentId=&amp;state=&amp;health=&amp;update=&amp;mode=&amp;group=&amp;managed=&amp;label=&amp;sort=&amp;page=&amp;pageSize=:
/// every container of every agent, searched, filtered, sorted and paged from this instance's catalog.
/// </summary>
internal sealed class ListContainersFunction(ContainerCatalog catalog, IOptions<AgentsOptions> agents, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (query, error) = ContainerQuery.Parse(name => context.Request.Query[name].Select(v => v ?? "").ToList());
        if (query is null)
        {
            return Problems.BadRequest(error!);
        }

        var view = await catalog.ViewAsync(cancellationToken);
        return Results.Json(view.Query(query, clock.GetUtcNow(), TimeSpan.FromSeconds(agents.Value.OfflineAfterSeconds)), ContainerJson.Options);
    }
}
