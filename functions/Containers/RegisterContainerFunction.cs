using Dockward.Core.Agents;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Containers;

/// <summary>POST /api/containers/{agentId}/{name}/register: manage the container, whatever its labels, policies and the default say.</summary>
internal sealed class RegisterContainerFunction(
    IContainerStore containers, ContainerRegistrations registrations, ContainerCatalog catalog, AuditTrail audit, IOptions<AgentsOptions> agents, TimeProvider clock)
    : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new ContainerRegistrationRoute(containers, registrations, catalog, audit, agents, clock).RunAsync(context, managed: true, cancellationToken);
}
