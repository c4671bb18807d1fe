using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

[Collection(ServersCollection.Name)]
[Trait("Area", "EndToEnd")]
public sealed class AgentReportingTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("rep");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_container_started_after_the_agent_is_reported_on_its_docker_event_not_only_on_the_heartbeat()
    {
        await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "1", TestImage.Plain("1.0"));
        // An hour-long heartbeat: only the event can bring the new container in time.
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix, heartbeatSeconds: 3600);
        await Wait.UntilAsync("the first inventory report", TimeSpan.FromSeconds(30), () => Task.FromResult(dockward.AgentLog.Contains("Reported ", StringComparison.Ordinal)), () => dockward.Logs);

        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{scope.Prefix}/app:1");
        await demo.CreateAsync();

        var reported = await dockward.WaitForContainerAsync(demo.Name, c => c.GetProperty("state").GetString() == "running", "the event-driven report of demo");
        reported.GetProperty("labels").GetProperty("team").GetString().ShouldBe("blue");
    }

    [Fact]
    public async Task A_revoked_agent_is_refused_at_once_and_its_spent_enrolment_token_does_not_let_it_back_in()
    {
        await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "1", TestImage.Plain("1.0"));
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{scope.Prefix}/app:1");
        await demo.CreateAsync();
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        var reported = await dockward.WaitForContainerAsync(demo.Name, _ => true, "the first report of demo");
        var agentId = reported.GetProperty("agentId").GetString();

        using var revoke = await dockward.Http.PostAsync(new Uri($"/api/agents/{agentId}/revoke", UriKind.Relative), null);
        revoke.EnsureSuccessStatusCode();

        await Wait.UntilAsync("the agent to find itself refused and its token spent", TimeSpan.FromSeconds(60), () => Task.FromResult(
            dockward.AgentLog.Contains("enrolling again", StringComparison.Ordinal)
            && dockward.AgentLog.Contains("already used", StringComparison.Ordinal)), () => dockward.Logs);
        var agents = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/agents", UriKind.Relative));
        agents.EnumerateArray().Single(a => a.GetProperty("id").GetString() == agentId).GetProperty("revokedAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
    }
}
