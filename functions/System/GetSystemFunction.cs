using System.Diagnostics;
using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Dockward.Functions.Health;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.SystemApi;

/// <summary>
/// GET /api/system: this instance (version, start, uptime, id), whether the store answers, agents online and offline,
/// containers known and managed, and every timer with its schedule and next run.
/// </summary>
internal sealed class GetSystemFunction(
    IStoreHealth storeHealth,
    IAgentStore agents,
    IContainerStore containers,
    IPolicyStore policies,
    PolicyResolver resolver,
    FunctionRegistry functions,
    IConfiguration configuration,
    IOptions<AgentsOptions> agentOptions,
    TimeProvider clock) : IHttpFunction
{
    private static readonly DateTimeOffset StartedAt = new(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var storeProblem = await storeHealth.ProbeAsync(cancellationToken);
        if (storeProblem is not null)
        {
            return Results.Json(Describe(now, storeProblem, [], [], PolicyBook.Empty));
        }

        var offlineAfter = TimeSpan.FromSeconds(agentOptions.Value.OfflineAfterSeconds);
        var allAgents = await agents.ListAsync(cancellationToken);
        var allContainers = await containers.ListAsync(cancellationToken);
        var book = await PolicyBook.ReadAsync(policies, cancellationToken);
        return Results.Json(Describe(now, null, allAgents.Where(a => a.RevokedAt is null).Select(a => AgentPresence.IsOnline(a, now, offlineAfter)).ToList(), allContainers, book));
    }

    private object Describe(DateTimeOffset now, string? storeProblem, List<bool> agentsOnline, IReadOnlyList<ContainerRecord> all, PolicyBook book) => new
    {
        version = HealthFunction.Version,
        startedAt = StartedAt,
        uptimeSeconds = (long)(now - StartedAt).TotalSeconds,
        instance = TimerFunctionRunner.InstanceId,
        store = new { kind = "azure-table", status = storeProblem is null ? "ok" : "unreachable", error = storeProblem },
        agents = new { total = agentsOnline.Count, online = agentsOnline.Count(o => o), offline = agentsOnline.Count(o => !o) },
        containers = new { total = all.Count, managed = all.Count(c => resolver.Resolve(c, book).Managed) },
        timers = functions.Timers.Select(t => TimerSchedule.Parse(t.ScheduleKey, configuration[t.ScheduleKey]) is var schedule
            ? new { name = t.Name, schedule = schedule.Expression, next = schedule.NextAfter(now) }
            : null),
    };
}
