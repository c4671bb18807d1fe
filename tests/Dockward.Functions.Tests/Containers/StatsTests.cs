using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Tests.Containers;

[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class StatsTests(Servers servers)
{
    [Fact]
    public async Task Stats_answer_the_sample_read_now_through_the_agent_and_the_stored_samples_of_the_asked_minutes()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        var now = DateTimeOffset.UtcNow;
        agent.Answer = command => new CommandResult(true, null, Stats: Sample(command.ContainerName, now, 12.5));
        // As inventory reports would have stored them: one 90 minutes ago, two in the last half hour, one of another container.
        await StoreAsync(controlPlane, agent.Id, Sample("web", now.AddMinutes(-90), 1), Sample("web", now.AddMinutes(-20), 2), Sample("web", now.AddMinutes(-5), 3), Sample("db", now.AddMinutes(-5), 4));

        var stats = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agent.Id}/web/stats?minutes=30", UriKind.Relative));

        stats.GetProperty("current").GetProperty("cpuPercent").GetDouble().ShouldBe(12.5);
        stats.GetProperty("current").GetProperty("memoryBytes").GetInt64().ShouldBe(1000);
        stats.GetProperty("currentError").ValueKind.ShouldBe(JsonValueKind.Null);
        stats.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("cpuPercent").GetDouble()).ShouldBe([2, 3]);
        agent.Received.ShouldHaveSingleItem().Kind.ShouldBe("stats");

        var longer = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agent.Id}/web/stats?minutes=120", UriKind.Relative));
        longer.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("cpuPercent").GetDouble()).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task Stats_the_agent_cannot_read_answer_no_current_sample_with_the_reason_and_still_the_history()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        agent.Answer = _ => new CommandResult(false, "container web is not running");
        await StoreAsync(controlPlane, agent.Id, Sample("web", DateTimeOffset.UtcNow.AddMinutes(-5), 7));

        var stats = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agent.Id}/web/stats", UriKind.Relative));

        stats.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null);
        stats.GetProperty("currentError").GetString().ShouldBe("container web is not running");
        stats.GetProperty("history").EnumerateArray().ShouldHaveSingleItem().GetProperty("cpuPercent").GetDouble().ShouldBe(7);
    }

    [Fact]
    public async Task Live_stats_stream_a_sample_every_interval_while_the_client_stays()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        var samples = 0;
        agent.Answer = command => new CommandResult(true, null, Stats: Sample(command.ContainerName, DateTimeOffset.UtcNow, Interlocked.Increment(ref samples)));

        await using var stream = await EventStreamClient.ConnectAsync(
            controlPlane.Http.BaseAddress!, controlPlane.AdminToken, "?intervalSeconds=2", path: $"/api/containers/{agent.Id}/web/stats/live");

        var events = await stream.TakeAsync(2);
        events.Select(e => e.Type).ShouldBe(["stats", "stats"]);
        events.Select(e => e.Body.GetProperty("cpuPercent").GetDouble()).ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData("stats?minutes=0", "minutes must be a whole number from 1 to 1440, given once.")]
    [InlineData("stats?minutes=1441", "minutes must be a whole number from 1 to 1440, given once.")]
    [InlineData("stats?minutes=an-hour", "minutes must be a whole number from 1 to 1440, given once.")]
    [InlineData("stats/live?intervalSeconds=1", "intervalSeconds must be a whole number from 2 to 60, given once.")]
    [InlineData("stats/live?intervalSeconds=61", "intervalSeconds must be a whole number from 2 to 60, given once.")]
    public async Task A_bad_stats_query_is_rejected_with_400_and_nothing_is_sent(string pathAndQuery, string detail)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();

        using var response = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.Id}/web/{pathAndQuery}", UriKind.Relative));

        (await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().ShouldBe(detail);
        agent.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("stats/live")]
    public async Task Stats_of_an_unknown_container_are_404(string path)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();

        using var response = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.Id}/nope/{path}", UriKind.Relative));

        await ProblemJson.ReadAsync(response, HttpStatusCode.NotFound);
    }

    private static ContainerStats Sample(string name, DateTimeOffset at, double cpu) => new(name, at, cpu, 1000, 4000, 10, 20, 30, 40);

    private static async Task StoreAsync(ControlPlaneProcess controlPlane, string agentId, params ContainerStats[] samples)
    {
        var storage = new TableStorage(Options.Create(new StorageOptions { ConnectionString = controlPlane.ConnectionString, TablePrefix = controlPlane.TablePrefix }));
        await new TableStatsStore(storage, TimeProvider.System).WriteAsync(agentId, samples, TimeSpan.FromSeconds(60), CancellationToken.None);
    }
}
