using Dockward.Contracts;
using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/{agentId}/jobs/{jobId}/result: how the agent's own job ended.</summary>
internal sealed class ReportJobResultFunction(
    JobDispatcher dispatcher, IUpdateJobStore jobs, AuditTrail audit, EventLog events, ILogger<ReportJobResultFunction> logger) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var (result, problem) = await RequestBody.ReadAsync<JobResultReport>(context.Request, cancellationToken);
        if (result is null)
        {
            return problem!;
        }

        if (!Enum.IsDefined(result.Outcome) || result.Reason?.Length > ReportLimits.Message || result.FailedStep?.Length > ReportLimits.StepName)
        {
            return Problems.BadRequest($"outcome must be succeeded, rolled_back, failed or interrupted, failedStep at most {ReportLimits.StepName} characters and reason at most {ReportLimits.Message}.");
        }

        var jobId = (string)context.Request.RouteValues["jobId"]!;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["AgentId"] = agent.Id });
        // A result sent again (its answer was lost, or a restarted agent replays its journal) is accepted and
        // changes nothing: it is audited and logged once, when it ended the job.
        var repeated = await jobs.GetAsync(agent.Id, jobId, cancellationToken) is { IsActive: false };
        if (!await dispatcher.CompleteAsync(agent.Id, jobId, result, cancellationToken))
        {
            return Problems.NotFound($"Job {jobId} is not a running job of this agent.");
        }

        if (repeated)
        {
            return Results.NoContent();
        }

        var job = await jobs.GetAsync(agent.Id, jobId, cancellationToken);
        await audit.RecordAsync(Actor.Agent(agent.Id, Caller.AddressOf(context)), "update.finish", $"{agent.Id}/{job?.ContainerName}",
            result.Outcome == JobOutcome.Succeeded ? AuditResult.Success : AuditResult.Failure,
            $"job {jobId}: {result.Outcome}{(result.Reason is null ? "" : $" at {result.FailedStep}: {result.Reason}")}", cancellationToken);
        if (job is not null)
        {
            await JobEvents.StateAsync(events, job, "ended", cancellationToken);
        }

        logger.LogInformation("Job {JobId} on {AgentId} ended {Outcome} (step {FailedStep}: {Reason}); the container runs {RunningDigest}",
            jobId, agent.Id, result.Outcome, result.FailedStep, result.Reason, result.RunningDigest ?? "an unknown digest");
        return Results.NoContent();
    }
}
