using Dockward.Core.Registries;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Registries;

/// <summary>DELETE /api/registries/{host}: forgets a registry's stored credentials.</summary>
internal sealed class DeleteRegistryFunction(RegistryCredentials registries) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var host = (string)context.Request.RouteValues["host"]!;
        return await registries.DeleteAsync(host, Caller.Of(context).Actor, cancellationToken)
            ? Results.NoContent()
            : Problems.NotFound($"No stored credentials for '{host}'.");
    }
}
