using Dockward.Core.Audit;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>
/// A decision's outcome, audited and answered: 200 with the job, 404 unknown, 409 when the job is not in a state the
/// decision applies to (audited as a failure; the job is left as it was).
/// </summary>
internal static class JobDecisionResults
{
    public static async Task<IResult> AnswerAsync(AuditTrail audit, Actor actor, string action, string jobId, JobDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Job is not { } job)
        {
            return Problems.NotFound($"No job '{jobId}'.");
        }

        await audit.RecordAsync(actor, action, $"{job.AgentId}/{job.ContainerName}",
            decision.Done ? AuditResult.Success : AuditResult.Failure, decision.Problem ?? $"job {jobId} to {job.TargetDigest}", cancellationToken);
        return decision.Problem is { } problem
            ? Problems.Create(StatusCodes.Status409Conflict, "Conflict", $"{char.ToUpperInvariant(problem[0])}{problem[1..]}.")
            : Results.Json(job);
    }
}
