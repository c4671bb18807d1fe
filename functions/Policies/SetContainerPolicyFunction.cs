using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>PUT /api/policies/containers/{agentId}/{name}: sets one container's policy (404 when the inventory has no such container).</summary>
internal sealed class SetContainerPolicyFunction(IContainerStore containers, IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (target, problem) = await PolicyTarget.ContainerOfAsync(context, containers, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var editor = new PolicyEditor(store, audit, clock);
        return await editor.SetAsync(target!, context, cancellationToken);
    }
}
