using Dockward.Core.Agents;
using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Agents;

/// <summary>GET /api/agents/{agentId}/jobs/next?waitSeconds=N: long-polls for the agent's next job (204 when none came), holding at most Agents:MaxJobWaitSeconds.</summary>
internal sealed class NextJobFunction(JobDispatcher dispatcher, IUpdateJobStore jobs, AuditTrail audit, EventLog events, IOptions<AgentsOptions> options) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agent = AgentAuthenticationHandler.Current(context);

        var (held, problem) = LongPollWait.Read(context.Request, options.Value.MaxJobWaitSeconds);
        if (problem is not null)
        {
            return problem;
        }

        var job = await dispatcher.NextAsync(agent.Id, held, cancellationToken);
        if (job is null)
        {
            return Results.NoContent();
        }

        await audit.SucceededAsync(Actor.Agent(agent.Id, Caller.AddressOf(context)), "update.start", $"{agent.Id}/{job.ContainerName}",
            $"job {job.JobId} to {job.TargetDigest}", cancellationToken);
        if (await jobs.GetAsync(agent.Id, job.JobId, cancellationToken) is { } started)
        {
            await JobEvents.StateAsync(events, started, "started", cancellationToken);
        }

        return Results.Json(job);
    }
}
