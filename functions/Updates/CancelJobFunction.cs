using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Updates;

/// <summary>POST /api/jobs/{jobId}/cancel: a job that has not started (scheduled, awaiting approval, held, pending) is cancelled.</summary>
internal sealed class CancelJobFunction(JobDecisions decisions, AuditTrail audit, EventLog events) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var jobId = (string)context.Request.RouteValues["jobId"]!;
        var actor = Caller.Of(context).Actor;
        var decision = await decisions.CancelAsync(jobId, actor.Name, cancellationToken);
        return await JobDecisionResults.AnswerAsync(audit, events, actor, "job.cancel", jobId, decision, cancellationToken);
    }
}
