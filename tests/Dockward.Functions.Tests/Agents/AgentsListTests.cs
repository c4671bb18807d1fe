using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Core.Events;
using Dockward.Functions.Tests.Events;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Agents;

/// <summary><c>GET /api/agents</c>, <c>GET /api/agents/{agentId}</c> and the <c>MarkOfflineAgents</c> timer.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class AgentsListTests(Servers servers)
{
    [Fact]
    public async Task An_agent_that_reports_is_online_with_its_containers_counted_by_state_in_the_list_and_its_detail()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var quiet = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, ("web", "running", "healthy"), ("api", "running", "unhealthy"), ("batch", "exited", null), ("paused", "paused", null));

        var list = await GetAsync(controlPlane, "/api/agents");
        var detail = await GetAsync(controlPlane, $"/api/agents/{agent.AgentId}");

        var listed = list.EnumerateArray().Single(a => a.GetProperty("id").GetString() == agent.AgentId);
        foreach (var view in new[] { listed, detail })
        {
            view.GetProperty("online").GetBoolean().ShouldBeTrue();
            view.GetProperty("offlineSince").ValueKind.ShouldBe(JsonValueKind.Null);
            view.GetProperty("agentVersion").GetString().ShouldBe("0.1.0-test");
            view.GetProperty("dockerVersion").GetString().ShouldBe("27.0.0");
            view.TryGetProperty("credentialHash", out _).ShouldBeFalse();
            var containers = view.GetProperty("containers");
            (containers.GetProperty("total").GetInt32(), containers.GetProperty("running").GetInt32(), containers.GetProperty("stopped").GetInt32(),
                containers.GetProperty("unhealthy").GetInt32(), containers.GetProperty("unknown").GetInt32()).ShouldBe((4, 2, 1, 1, 0));
        }

        list.EnumerateArray().Single(a => a.GetProperty("id").GetString() == quiet.AgentId).GetProperty("containers").GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("no-such-agent")]
    public async Task An_unknown_agent_is_404_problem_json(string agentId)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Admin.GetAsync(new Uri($"/api/agents/{agentId}", UriKind.Relative));

        await ProblemJson.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agent_that_misses_its_heartbeats_is_marked_offline_once_with_its_containers_unknown_until_it_reports_again()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment =>
        {
            environment["DOCKWARD_AGENTS__OFFLINEAFTERSECONDS"] = "10";
            environment["DOCKWARD_TIMERS__MARKOFFLINEAGENTS"] = "* * * * * *";
        });
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, ("web", "running", null), ("db", "exited", null));
        await using var stream = await EventStreamClient.ConnectAsync(
            controlPlane.Http.BaseAddress!, await TestSecurity.SignInAsync(controlPlane.Http), $"?types=agent.offline&agentId={agent.AgentId}");

        var offline = await stream.NextAsync(e => e.Type == EventTypes.AgentOffline, TimeSpan.FromSeconds(40));
        var detail = await GetAsync(controlPlane, $"/api/agents/{agent.AgentId}");
        // Marked once per outage: the timer runs every second meanwhile.
        var again = await stream.CollectAsync(TimeSpan.FromSeconds(3));
        await ReportAsync(controlPlane, agent, ("web", "running", null), ("db", "exited", null));
        var back = await GetAsync(controlPlane, $"/api/agents/{agent.AgentId}");

        offline.Body.GetProperty("agentId").GetString().ShouldBe(agent.AgentId);
        detail.GetProperty("online").GetBoolean().ShouldBeFalse();
        detail.GetProperty("offlineSince").ValueKind.ShouldBe(JsonValueKind.String);
        var containers = detail.GetProperty("containers");
        (containers.GetProperty("total").GetInt32(), containers.GetProperty("running").GetInt32(), containers.GetProperty("stopped").GetInt32(),
            containers.GetProperty("unknown").GetInt32()).ShouldBe((2, 0, 0, 2));
        again.ShouldBeEmpty();
        back.GetProperty("online").GetBoolean().ShouldBeTrue();
        back.GetProperty("containers").GetProperty("running").GetInt32().ShouldBe(1);
    }

    private static async Task ReportAsync(ControlPlaneProcess controlPlane, EnrolResponse agent, params (string Name, string State, string? Health)[] containers)
    {
        var report = new InventoryReport(
            [.. containers.Select(c => new ContainerSnapshot(
                Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), c.Name, $"registry.example/{c.Name}:1.0", "sha256:" + new string('b', 64),
                [], c.State, c.Health, new Dictionary<string, string>(), DateTimeOffset.UtcNow))],
            DateTimeOffset.UtcNow, "0.1.0-test", "27.0.0");
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential, JsonContent.Create(report));
        using var response = await controlPlane.Http.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> GetAsync(ControlPlaneProcess controlPlane, string path)
    {
        using var response = await controlPlane.Admin.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
