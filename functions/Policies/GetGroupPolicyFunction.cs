using Dockward.Core.Audit;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>GET /api/policies/groups/{group}: the policy of one group (a compose project or a <c>dockward.group</c> label).</summary>
internal sealed class GetGroupPolicyFunction(IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new PolicyEditor(store, audit, clock).GetAsync(PolicyTarget.GroupOf(context), cancellationToken);
}
