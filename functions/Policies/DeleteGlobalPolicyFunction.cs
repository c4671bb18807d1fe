using Dockward.Core.Audit;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>DELETE /api/policies/global[?version=…]: removes the global policy; the built-in defaults apply again.</summary>
internal sealed class DeleteGlobalPolicyFunction(IPolicyStore store, AuditTrail audit, TimeProvider clock) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        new PolicyEditor(store, audit, clock).DeleteAsync(PolicyTarget.Global, context, cancellationToken);
}
