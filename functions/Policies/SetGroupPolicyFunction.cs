using Dockward.Core.Audit;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>PUT /api/policies/groups/{group}: sets the policy of one group (validated, audited; a stale version is a 409).</summary>
internal sealed class SetGroupPolicyFunction(IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new PolicyEditor(store, audit, clock).SetAsync(PolicyTarget.GroupOf(context), context, cancellationToken);
}
