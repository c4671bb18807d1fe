using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>GET /api/jobs/{jobId}: one update job with its steps.</summary>
internal sealed class GetJobFunction(IUpdateJobStore jobs) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var jobId = (string)context.Request.RouteValues["jobId"]!;
        return await jobs.GetAsync(jobId, cancellationToken) is { } job
            ? Results.Json(job)
            : Problems.NotFound($"No job '{jobId}'.");
    }
}
