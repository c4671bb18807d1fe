using Dockward.Core.Audit;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>DELETE /api/policies/groups/{group}[?version=…]: removes a group's policy.</summary>
internal sealed class DeleteGroupPolicyFunction(IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new PolicyEditor(store, audit, clock).DeleteAsync(PolicyTarget.GroupOf(context), context, cancellationToken);
}
