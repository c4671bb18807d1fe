using Dockward.Core.Storage;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Health;

/// <summary>Readiness: the store answers. 503 names the failing check.</summary>
internal sealed class ReadyFunction(IStoreHealth storage) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var storageError = await storage.ProbeAsync(cancellationToken);
        var checks = new Dictionary<string, string> { ["storage"] = storageError ?? "ok" };
        var ready = storageError is null;
        return Results.Json(new { ready, checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
