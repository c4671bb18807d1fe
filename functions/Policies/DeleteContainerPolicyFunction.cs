using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>DELETE /api/policies/containers/{agentId}/{name}[?version=…]: removes one container's policy.</summary>
internal sealed class DeleteContainerPolicyFunction(IContainerStore containers, IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (target, problem) = await PolicyTarget.ContainerOfAsync(context, containers, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var editor = new PolicyEditor(store, audit, clock);
        return await editor.DeleteAsync(target!, context, cancellationToken);
    }
}
