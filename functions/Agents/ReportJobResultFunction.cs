using Dockward.Contracts;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/{agentId}/jobs/{jobId}/result: how the agent's own job ended.</summary>
internal sealed class ReportJobResultFunction(AgentCaller caller, JobDispatcher dispatcher, ILogger<ReportJobResultFunction> logger) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (await caller.AuthenticateAsync(context, cancellationToken) is not { } agent)
        {
            return Problems.Unauthorized("Unknown agent or wrong credential.");
        }

        var (result, problem) = await RequestBody.ReadAsync<JobResultReport>(context.Request, cancellationToken);
        if (result is null)
        {
            return problem!;
        }

        if (!Enum.IsDefined(result.Outcome) || result.Reason?.Length > ReportLimits.Message || result.FailedStep?.Length > ReportLimits.StepName)
        {
            return Problems.BadRequest($"outcome must be succeeded, rolled_back or failed, failedStep at most {ReportLimits.StepName} characters and reason at most {ReportLimits.Message}.");
        }

        var jobId = (string)context.Request.RouteValues["jobId"]!;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["AgentId"] = agent.Id });
        if (!await dispatcher.CompleteAsync(agent.Id, jobId, result, cancellationToken))
        {
            return Problems.NotFound($"Job {jobId} is not a running job of this agent.");
        }

        logger.LogInformation("Job {JobId} on {AgentId} ended {Outcome} (step {FailedStep}: {Reason}); the container runs {RunningDigest}",
            jobId, agent.Id, result.Outcome, result.FailedStep, result.Reason, result.RunningDigest ?? "an unknown digest");
        return Results.NoContent();
    }
}
