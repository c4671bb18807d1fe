using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>GET /api/policies/containers/{agentId}/{name}: the policy set for one container (404 when the inventory has no such container).</summary>
internal sealed class GetContainerPolicyFunction(IContainerStore containers, IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (target, problem) = await PolicyTarget.ContainerOfAsync(context, containers, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var editor = new PolicyEditor(store, audit, clock);
        return await editor.GetAsync(target!, cancellationToken);
    }
}
