using System.Globalization;
using Dockward.Core.Detection;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Detection;

/// <summary>GET /api/checks/history?image=ref[&amp;limit=50]: the checks of one image reference, newest first.</summary>
internal sealed class ListCheckHistoryFunction(IImageCheckStore checks) : IHttpFunction
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(context.Request.Query["image"].ToString(), out var image, out var error))
        {
            return Problems.BadRequest($"image: {error}");
        }

        var limit = DefaultLimit;
        var limitText = context.Request.Query["limit"].ToString();
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.BadRequest($"limit: a whole number from 1 to {MaxLimit}.");
        }

        // Stored under the canonical spelling, so nginx and docker.io/library/nginx:latest read the same history.
        return Results.Json(await checks.ListHistoryAsync(image.ToString(), limit, cancellationToken));
    }
}
