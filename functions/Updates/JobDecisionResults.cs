using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>A decision's outcome as HTTP: 200 with the job, 404 unknown, 409 when the job is not in a state it applies to.</summary>
internal static class JobDecisionResults
{
    public static IResult From(string jobId, JobDecision decision) =>
        decision switch
        {
            { NotFound: true } => Problems.NotFound($"No job '{jobId}'."),
            { Problem: { } problem } => Problems.Create(StatusCodes.Status409Conflict, "Conflict", $"{char.ToUpperInvariant(problem[0])}{problem[1..]}."),
            _ => Results.Json(decision.Job),
        };
}
