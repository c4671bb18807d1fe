using Dockward.Core.Agents;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>Timer: hands out again the jobs whose agent never acknowledged them (host.json timers:RequeueLostJobs).</summary>
internal sealed class RequeueLostJobsFunction(IAgentStore agents, JobDispatcher dispatcher, ILogger<RequeueLostJobsFunction> logger) : ITimerFunction
{
    /// <summary>An agent reports its first step within seconds of taking a job; two minutes leaves room for a slow network.</summary>
    private static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromMinutes(2);

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var agentIds = (await agents.ListAsync(cancellationToken)).Select(a => a.Id);
        var requeued = await dispatcher.RequeueUnacknowledgedAsync(agentIds, AcknowledgeWithin, cancellationToken);
        if (requeued > 0)
        {
            logger.LogWarning("Put {Count} unacknowledged jobs back to pending", requeued);
        }
    }
}
