using Dockward.Core.Agents;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>GET /api/jobs[?agentId=…&amp;container=…]: update jobs, newest first.</summary>
internal sealed class ListJobsFunction(IUpdateJobStore jobs, IAgentStore agents) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var agentId = context.Request.Query["agentId"].ToString();
        var container = context.Request.Query["container"].ToString();
        if (container.Length > 0 && agentId.Length == 0)
        {
            return Problems.BadRequest("container needs agentId.");
        }

        IEnumerable<UpdateJob> found;
        if (container.Length > 0)
        {
            found = await jobs.ListForContainerAsync(agentId, container, cancellationToken);
        }
        else
        {
            var ids = agentId.Length > 0 ? [agentId] : (await agents.ListAsync(cancellationToken)).Select(a => a.Id);
            var all = new List<UpdateJob>();
            foreach (var id in ids)
            {
                all.AddRange(await jobs.ListForAgentAsync(id, null, cancellationToken));
            }

            found = all;
        }

        return Results.Json(found.OrderByDescending(j => j.CreatedAt));
    }
}
