using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Security;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Policies;
using Dockward.Functions.Security;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Containers;

/// <summary>
/// GET /api/containers/{agentId}/{name}: one container in full, read from the store (not the catalog). Environment
/// values that look secret are masked unless the caller is an admin.
/// </summary>
internal sealed class GetContainerFunction(
    IContainerStore containers,
    IAgentStore agents,
    IPolicyStore policies,
    PolicyResolver resolver,
    IImageCheckStore checks,
    IUpdateJobStore jobs,
    IOptions<AgentsOptions> agentsOptions,
    TimeProvider clock) : IHttpFunction
{
    private const int HistoryLength = 20;

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        if (await containers.GetAsync(agentId, name, cancellationToken) is not { } container)
        {
            return Problems.NotFound($"No container '{name}' on agent '{agentId}'.");
        }

        var agent = await agents.GetAsync(agentId, cancellationToken);
        var book = await PolicyBook.ReadAsync(policies, cancellationToken);
        var entry = CatalogEntry.Of(container, agent?.Name ?? agentId, resolver.Resolve(container, book));
        var check = entry.CheckKey is null ? null : await checks.GetAsync(entry.CheckKey, cancellationToken);
        var snapshot = new CatalogSnapshot(
            [entry],
            agent is null ? new Dictionary<string, AgentRecord>() : new Dictionary<string, AgentRecord> { [agentId] = agent },
            check is null ? new Dictionary<string, ImageCheckRecord>() : new Dictionary<string, ImageCheckRecord> { [check.Image] = check },
            clock.GetUtcNow());
        var item = snapshot.ItemOf(entry, clock.GetUtcNow(), TimeSpan.FromSeconds(agentsOptions.Value.OfflineAfterSeconds));
        var history = (await jobs.ListAsync(new JobFilter(agentId, name), cancellationToken))
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal).Take(HistoryLength).ToList();

        var view = ContainerDetailView.Of(
            item, container, EffectivePolicyView.Of(agentId, name, entry.Policy), check, history, revealEnv: Caller.Of(context).Role == Role.Admin);
        return Results.Json(view, ContainerJson.Options);
    }
}
