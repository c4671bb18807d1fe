using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Updates;

/// <summary>POST /api/jobs/{jobId}/approve: an update awaiting approval goes ahead.</summary>
internal sealed class ApproveJobFunction(JobDecisions decisions, AuditTrail audit, EventLog events) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var jobId = (string)context.Request.RouteValues["jobId"]!;
        var actor = Caller.Of(context).Actor;
        var decision = await decisions.ApproveAsync(jobId, actor.Name, cancellationToken);
        return await JobDecisionResults.AnswerAsync(audit, events, actor, "job.approve", jobId, decision, cancellationToken);
    }
}
