using Dockward.Core.Agents;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Containers;

/// <summary>What register and unregister share: the container must be in the inventory; the change is audited; the answer is its list row.</summary>
internal sealed class ContainerRegistrationRoute(
    IContainerStore containers,
    ContainerRegistrations registrations,
    ContainerCatalog catalog,
    AuditTrail audit,
    IOptions<AgentsOptions> agents,
    TimeProvider clock)
{
    public async Task<IResult> RunAsync(HttpContext context, bool managed, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        if (await containers.GetAsync(agentId, name, cancellationToken) is null)
        {
            return Problems.NotFound($"No container '{name}' on agent '{agentId}'.");
        }

        var actor = Caller.Of(context).Actor;
        await registrations.SetAsync(agentId, name, managed, actor.Name, cancellationToken);
        await audit.SucceededAsync(actor, managed ? "container.register" : "container.unregister", $"{agentId}/{name}", null, cancellationToken);

        var view = await catalog.ViewAsync(cancellationToken);
        var entry = view.Entries.FirstOrDefault(e => e.Container.AgentId == agentId && e.Container.Name == name);
        return entry is null
            ? Results.Json(new { agentId, name, managed }, ContainerJson.Options)
            : Results.Json(view.ItemOf(entry, clock.GetUtcNow(), TimeSpan.FromSeconds(agents.Value.OfflineAfterSeconds)), ContainerJson.Options);
    }
}
