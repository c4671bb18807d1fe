using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Updates;

/// <summary>POST /api/jobs/{jobId}/reject, optional body <c>{"reason": "…"}</c>: an update awaiting approval is turned down.</summary>
internal sealed class RejectJobFunction(JobDecisions decisions, AuditTrail audit, EventLog events) : IHttpFunction
{
    private const int MaxReasonLength = 500;

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var jobId = (string)context.Request.RouteValues["jobId"]!;
        string? reason = null;
        if (RequestBody.IsPresent(context.Request))
        {
            var (body, problem) = await RequestBody.ReadAsync<Rejection>(context.Request, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (body!.Reason?.Length > MaxReasonLength)
            {
                return Problems.BadRequest($"reason may be at most {MaxReasonLength} characters.");
            }

            reason = body.Reason;
        }

        var actor = Caller.Of(context).Actor;
        var decision = await decisions.RejectAsync(jobId, actor.Name, reason, cancellationToken);
        return await JobDecisionResults.AnswerAsync(audit, events, actor, "job.reject", jobId, decision, cancellationToken);
    }

    private sealed record Rejection(string? Reason);
}
