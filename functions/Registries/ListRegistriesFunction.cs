using Dockward.Core.Registries;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Registries;

/// <summary>GET /api/registries: registries with stored credentials; never a password, in clear or encrypted.</summary>
internal sealed class ListRegistriesFunction(RegistryCredentials registries) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json((await registries.ListAsync(cancellationToken)).OrderBy(r => r.Host, StringComparer.Ordinal)
            .Select(r => new { r.Host, r.UserName, hasPassword = true, r.UpdatedAt, r.UpdatedBy }));
}
