using Dockward.Core.Detection;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Detection;

/// <summary>POST /api/checks[?image=repo]: runs a check now, of everything or of one repository, and answers with what it found.</summary>
internal sealed class CheckNowFunction(RegistryScan scan) : IHttpFunction
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
        return Results.Json(summary);
    }
}
