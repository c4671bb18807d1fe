using Dockward.Core.Agents;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Containers;

/// <summary>POST /api/containers/{agentId}/{name}/unregister: stop managing the container: never updated, actions refused.</summary>
internal sealed class UnregisterContainerFunction(
    IContainerStore containers, ContainerRegistrations registrations, ContainerCatalog catalog, AuditTrail audit, IOptions<AgentsOptions> agents, TimeProvider clock)
    : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new ContainerRegistrationRoute(containers, registrations, catalog, audit, agents, clock).RunAsync(context, managed: false, cancellationToken);
}
