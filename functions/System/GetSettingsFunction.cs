using Dockward.Core.Settings;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.SystemApi;

/// <summary>GET /api/settings: the system settings in effect and the version to send back when changing them.</summary>
internal sealed class GetSettingsFunction(SystemSettings settings) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json(SettingsView.Of(await settings.GetAsync(cancellationToken)));
}
