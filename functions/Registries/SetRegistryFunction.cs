using Dockward.Core.Registries;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Registries;

/// <summary>PUT /api/registries/{host}: sets the credentials for a registry host; the password is stored encrypted.</summary>
internal sealed class SetRegistryFunction(RegistryCredentials registries) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (login, problem) = await RequestBody.ReadAsync<RegistryLogin>(context.Request, cancellationToken);
        if (login is null)
        {
            return problem!;
        }

        var host = (string)context.Request.RouteValues["host"]!;
        var (registry, refusal) = await registries.SetAsync(host, login.UserName, login.Password, Caller.Of(context).Actor, cancellationToken);
        return registry is null ? Problems.From(refusal!) : Results.Json(new { registry.Host, registry.UserName, hasPassword = true, registry.UpdatedAt, registry.UpdatedBy });
    }
}
