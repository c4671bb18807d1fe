using Dockward.Core.Audit;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>GET /api/policies/global: the global policy, the one every container starts from.</summary>
internal sealed class GetGlobalPolicyFunction(IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new PolicyEditor(store, audit, clock).GetAsync(PolicyTarget.Global, cancellationToken);
}
