using Dockward.Core.Audit;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>PUT /api/policies/global: sets the global policy (validated, audited; a stale version is a 409).</summary>
internal sealed class SetGlobalPolicyFunction(IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new PolicyEditor(store, audit, clock).SetAsync(PolicyTarget.Global, context, cancellationToken);
}
