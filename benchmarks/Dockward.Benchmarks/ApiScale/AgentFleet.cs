using System.Text.Json;
using Dockward.Contracts;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// The simulated agents, enrolled as real ones are (an admin creates a one-time token for each, the agent enrols with
/// it) and reporting their inventories a few at a time, as a fleet's heartbeats arrive.
/// </summary>
internal sealed class AgentFleet(TimedApi api, IReadOnlyList<SimulatedAgent> agents)
{
    /// <summary>Agents that enrol or report at the same moment.</summary>
    public const int Concurrency = 4;

    public IReadOnlyList<SimulatedAgent> Agents => agents;

    public static async Task<AgentFleet> EnrolAsync(TimedApi api, string adminToken, ApiScaleOptions options, CancellationToken cancellationToken)
    {
        var enrolled = new SimulatedAgent[options.Agents];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Agents), parallel, async (index, ct) =>
        {
            var created = (await api.PostAsync("/api/agents/enrolment-tokens", adminToken, new { ttlMinutes = 30 }, ct)).EnsureSucceeded();
            using var body = JsonDocument.Parse(created.Body);
            var token = body.RootElement.GetProperty("token").GetString()!;
            var name = $"bench-host-{index:D4}";
            var answer = (await api.PostAsync("/api/agents/enrol", bearer: null, new EnrolRequest(token, name, "0.9.0-bench", "27.3.1"), ct)).EnsureSucceeded();
            var identity = JsonSerializer.Deserialize<EnrolResponse>(answer.Body, TimedApi.Json)!;
            enrolled[index] = new SimulatedAgent(index, identity.AgentId, identity.Credential, name, options.ContainersPerAgent, now);
        });
        return new AgentFleet(api, enrolled);
    }

    /// <summary>
    /// <paramref name="count"/> inventory reports, in rounds in which every agent reports once (the last round takes as
    /// many as are left); before each report, the agent's containers change a little unless <paramref name="change"/> is false.
    /// </summary>
    public async Task ReportAsync(int count, bool change, Latencies? into, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        for (var left = count; left > 0; left -= agents.Count)
        {
            await Parallel.ForEachAsync(agents.Take(left), parallel, async (agent, ct) =>
            {
                var now = DateTimeOffset.UtcNow;
                if (change)
                {
                    agent.Change(now);
                }

                var answer = (await api.PostAsync(agent.InventoryPath, agent.Credential, agent.Report(now), ct)).EnsureSucceeded();
                into?.Add(answer);
            });
        }
    }
}
