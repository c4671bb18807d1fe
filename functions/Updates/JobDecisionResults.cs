using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>
/// A decision's outcome, audited and answered: 200 with the job, 404 unknown, 409 when the job is not in a state the
/// decision applies to (audited as a failure; the job is left as it was). A decision taken publishes <c>job.state</c>.
/// </summary>
internal static class JobDecisionResults
{
    public static async Task<IResult> AnswerAsync(
        AuditTrail audit, EventLog events, Actor actor, string action, string jobId, JobDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Job is not { } job)
        {
            return Problems.NotFound($"No job '{jobId}'.");
        }

        await audit.RecordAsync(actor, action, $"{job.AgentId}/{job.ContainerName}",
            decision.Done ? AuditResult.Success : AuditResult.Failure, decision.Problem ?? $"job {jobId} to {job.TargetDigest}", cancellationToken);
        if (decision.Done)
        {
            var change = action switch { "job.approve" => "approved", "job.reject" => "rejected", "job.cancel" => "cancelled", _ => action };
            await JobEvents.StateAsync(events, job, change, cancellationToken);
        }

        return decision.Problem is { } problem
            ? Problems.Create(StatusCodes.Status409Conflict, "Conflict", $"{char.ToUpperInvariant(problem[0])}{problem[1..]}.")
            : Results.Json(job);
    }
}
