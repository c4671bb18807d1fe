using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Detection;

/// <summary>POST /api/checks[?image=repo]: runs a check now, of everything or of one repository, and answers with what it found.</summary>
internal sealed class CheckNowFunction(RegistryScan scan, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ImageReference? only = null;
        var image = context.Request.Query["image"].ToString();
        if (image.Length > 0 && !ImageReference.TryParse(image, out only, out var error))
        {
            return Problems.BadRequest($"image: {error}");
        }

        var summary = await scan.RunAsync(Triggers.Check, only, cancellationToken);
        await audit.SucceededAsync(Caller.Of(context).Actor, "check.run", only?.ToString() ?? "all images", null, cancellationToken);
        return Results.Json(summary);
    }
}
