using Dockward.Contracts;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/{agentId}/jobs/{jobId}/steps: one progress step of the agent's own job.</summary>
internal sealed class ReportJobStepFunction(
    JobDispatcher dispatcher, IUpdateJobStore jobs, EventLog events, ILogger<ReportJobStepFunction> logger) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var (step, problem) = await RequestBody.ReadAsync<JobStepReport>(context.Request, cancellationToken);
        if (step is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(step.Step) || step.Step.Length > ReportLimits.StepName || step.Message?.Length > ReportLimits.Message || !Enum.IsDefined(step.Status)
            || step.Sequence is < 1 or > ReportLimits.StepSequence)
        {
            return Problems.BadRequest(
                $"step must be 1 to {ReportLimits.StepName} characters, status started, succeeded or failed, message at most {ReportLimits.Message} characters " +
                $"and sequence, when given, 1 to {ReportLimits.StepSequence}.");
        }

        var jobId = (string)context.Request.RouteValues["jobId"]!;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["AgentId"] = agent.Id });
        if (!await dispatcher.AppendStepAsync(agent.Id, jobId, step, cancellationToken))
        {
            return Problems.NotFound($"Job {jobId} is not a running job of this agent.");
        }

        var job = await jobs.GetAsync(agent.Id, jobId, cancellationToken);
        await JobEvents.StepAsync(events, agent.Id, jobId, job?.ContainerName, step, cancellationToken);
        return Results.NoContent();
    }
}
