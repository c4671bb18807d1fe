using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>GET /api/policies: every policy set through the API (global, then groups, then containers).</summary>
internal sealed class ListPoliciesFunction(IPolicyStore store) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json(
            (await store.ListAsync(cancellationToken))
                .OrderBy(r => r.Scope).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(PolicyView.Of),
            PolicyJson.Options);
}
