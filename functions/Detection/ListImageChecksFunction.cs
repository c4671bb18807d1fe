using Dockward.Core.Detection;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Detection;

/// <summary>GET /api/checks: the latest check of every image.</summary>
internal sealed class ListImageChecksFunction(IImageCheckStore checks) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json(await checks.ListAsync(cancellationToken));
}
