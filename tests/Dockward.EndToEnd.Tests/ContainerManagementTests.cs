using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// Managing containers through the API with the real agent on the real engine: actions, logs and stats relayed to the
/// agent as commands, the live event stream, and a host whose agent goes quiet.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ContainerManagementTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("mgmt");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task An_operator_stops_starts_and_restarts_a_container_through_its_agent_and_the_event_stream_tells_it()
    {
        var (dockward, demo, agentId) = await StartAsync(TestImage.Healthy("1.0"));
        await using var _dockward = dockward;
        await using var events = await EventStreamClient.ConnectAsync(
            dockward.Anonymous.BaseAddress!, await dockward.SignInAsync(), $"?types=container.action,container.state&agentId={agentId}");

        var stopped = await ActAsync(dockward, agentId, demo.Name, "stop");
        stopped.GetProperty("state").GetString().ShouldBe("exited");
        (await demo.InspectAsync()).State.Running.ShouldBeFalse();
        var action = await events.NextAsync(e => e.Type == "container.action" && e.Data.GetProperty("name").GetString() == demo.Name);
        action.Data.GetProperty("action").GetString().ShouldBe("stop");
        action.Data.GetProperty("outcome").GetString().ShouldBe("done");
        var change = await events.NextAsync(e => e.Type == "container.state" && e.Data.GetProperty("name").GetString() == demo.Name, TimeSpan.FromSeconds(30));
        change.Data.GetProperty("after").GetProperty("state").GetString().ShouldBe("exited");
        await dockward.WaitForContainerAsync(demo.Name, c => c.GetProperty("state").GetString() == "exited", "the list to show demo exited");

        (await ActAsync(dockward, agentId, demo.Name, "start")).GetProperty("state").GetString().ShouldBe("running");
        await Wait.UntilAsync("demo to serve again", TimeSpan.FromSeconds(15), async () => await demo.GetPageAsync() == "1.0");
        var startedAt = (await demo.InspectAsync()).State.StartedAt;

        (await ActAsync(dockward, agentId, demo.Name, "restart")).GetProperty("state").GetString().ShouldBe("running");
        (await demo.InspectAsync()).State.StartedAt.ShouldNotBe(startedAt);
    }

    [Fact]
    public async Task Logs_and_stats_of_a_container_come_from_its_agent()
    {
        const string Chatty = "i=0; while true; do echo out $i; echo err $i >&2; i=$((i+1)); sleep 1; done";
        var (dockward, demo, agentId) = await StartAsync(new TestImage("chatty", Command: Chatty));
        await using var _dockward = dockward;
        var path = $"/api/containers/{agentId}/{demo.Name}";
        await Wait.UntilAsync("demo to write a few lines", TimeSpan.FromSeconds(20), async () =>
            (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"{path}/logs?tail=6", UriKind.Relative))).GetProperty("lines").GetArrayLength() >= 6);

        var lines = (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"{path}/logs?tail=6", UriKind.Relative))).GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("stream").GetString()).Distinct().Order().ShouldBe(["stderr", "stdout"]);
        lines.ShouldAllBe(l => l.GetProperty("time").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        lines.Where(l => l.GetProperty("stream").GetString() == "stdout").ShouldAllBe(l => l.GetProperty("text").GetString()!.StartsWith("out ", StringComparison.Ordinal));
        var errors = (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"{path}/logs?tail=3&stdout=false", UriKind.Relative))).GetProperty("lines");
        errors.EnumerateArray().ShouldAllBe(l => l.GetProperty("stream").GetString() == "stderr");

        // Following: the newest line, then the lines the container writes after it, as they come.
        await using (var follow = await EventStreamClient.ConnectAsync(
            dockward.Anonymous.BaseAddress!, await dockward.SignInAsync(), "?follow=true&tail=1&stderr=false", path: $"{path}/logs"))
        {
            var first = await follow.NextAsync(e => e.Type == "log");
            var later = await follow.NextAsync(e => e.Type == "log", TimeSpan.FromSeconds(20));
            Counter(later.Body).ShouldBeGreaterThan(Counter(first.Body));
        }

        var stats = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"{path}/stats", UriKind.Relative));
        stats.GetProperty("current").GetProperty("memoryBytes").GetInt64().ShouldBeGreaterThan(0, stats.ToString());
        await Wait.UntilAsync("a stats sample from an inventory report", TimeSpan.FromSeconds(30), async () =>
            (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"{path}/stats", UriKind.Relative))).GetProperty("history").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_host_whose_agent_goes_quiet_is_marked_offline_and_its_containers_show_unknown_not_stopped()
    {
        var (dockward, demo, agentId) = await StartAsync(TestImage.Healthy("1.0"), new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENTS__OFFLINEAFTERSECONDS"] = "10",
            ["DOCKWARD_TIMERS__MARKOFFLINEAGENTS"] = "*/2 * * * * *",
        });
        await using var _dockward = dockward;
        (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/agents/{agentId}", UriKind.Relative))).GetProperty("online").GetBoolean().ShouldBeTrue();
        await using var events = await EventStreamClient.ConnectAsync(dockward.Anonymous.BaseAddress!, await dockward.SignInAsync(), "?types=agent.offline");

        await dockward.StopAgentAsync();

        var offline = await events.NextAsync(e => e.Body.GetProperty("agentId").GetString() == agentId, TimeSpan.FromSeconds(45));
        offline.Type.ShouldBe("agent.offline");
        var host = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/agents/{agentId}", UriKind.Relative));
        host.GetProperty("online").GetBoolean().ShouldBeFalse();
        host.GetProperty("containers").GetProperty("unknown").GetInt32().ShouldBeGreaterThan(0);
        var item = (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers?agentId={agentId}&q={demo.Name}", UriKind.Relative)))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == demo.Name);
        item.GetProperty("state").GetString().ShouldBe("unknown");
        item.GetProperty("reportedState").GetString().ShouldBe("running");
        (await demo.InspectAsync()).State.Running.ShouldBeTrue("the container itself runs on");

        using var refused = await dockward.Http.PostAsync(new Uri($"/api/containers/{agentId}/{demo.Name}/stop", UriKind.Relative), null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        (await demo.InspectAsync()).State.Running.ShouldBeTrue();
    }

    private async Task<(DockwardInstance Dockward, DemoContainer Demo, string AgentId)> StartAsync(
        TestImage image, IReadOnlyDictionary<string, string?>? controlPlaneEnvironment = null)
    {
        var repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", image);
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
        await demo.CreateAsync();
        var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix, controlPlaneEnvironment: controlPlaneEnvironment);
        var reported = await dockward.WaitForContainerAsync(demo.Name, c => c.GetProperty("state").GetString() == "running", "the agent to report demo running");
        return (dockward, demo, reported.GetProperty("agentId").GetString()!);
    }

    private static async Task<JsonElement> ActAsync(DockwardInstance dockward, string agentId, string name, string action)
    {
        using var response = await dockward.Http.PostAsync(new Uri($"/api/containers/{agentId}/{name}/{action}", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{body}\n{dockward.Logs}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The number in a line <c>out 7</c>.</summary>
    private static int Counter(JsonElement line) => int.Parse(line.GetProperty("text").GetString()!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
}
