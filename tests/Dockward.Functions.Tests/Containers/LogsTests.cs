using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Containers;

[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class LogsTests(Servers servers)
{
    private static readonly DateTimeOffset Written = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Logs_are_read_through_the_agent_with_the_asked_tail_streams_and_time()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, ("web", false))).Listen();
        agent.Answer = _ => new CommandResult(true, null, Lines: [new LogLine(Written, "stderr", "boom"), new LogLine(Written.AddSeconds(1), "stderr", "again")]);

        var logs = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(
            new Uri($"/api/containers/{agent.Id}/web/logs?tail=50&stdout=false&since=2025-03-01T11:00:00Z", UriKind.Relative));

        var lines = logs.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("text").GetString()).ShouldBe(["boom", "again"]);
        lines[0].GetProperty("stream").GetString().ShouldBe("stderr");
        lines[0].GetProperty("time").GetDateTimeOffset().ShouldBe(Written);
        var command = agent.Received.ShouldHaveSingleItem();
        command.Kind.ShouldBe("logs");
        command.Logs.ShouldBe(new LogRequest(50, Written.AddHours(-1), Stdout: false, Stderr: true));
    }

    [Fact]
    public async Task Logs_without_timestamps_leave_the_time_out()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        agent.Answer = _ => new CommandResult(true, null, Lines: [new LogLine(Written, "stdout", "hello")]);

        var logs = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agent.Id}/web/logs?timestamps=false", UriKind.Relative));

        var line = logs.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("time").ValueKind.ShouldBe(JsonValueKind.Null);
        line.GetProperty("text").GetString().ShouldBe("hello");
        agent.Received.ShouldHaveSingleItem().Logs!.Tail.ShouldBe(200);
    }

    [Fact]
    public async Task Following_logs_streams_the_newest_lines_then_the_lines_the_agent_returns_on_later_polls()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        agent.Answer = command => command.Logs!.Since switch
        {
            null => new CommandResult(true, null, Lines: [new LogLine(Written, "stdout", "one"), new LogLine(Written.AddSeconds(1), "stdout", "two")]),
            { } since when since < Written.AddSeconds(2) => new CommandResult(true, null, Lines: [new LogLine(Written.AddSeconds(2), "stderr", "three")]),
            _ => new CommandResult(true, null, Lines: []),
        };

        await using var stream = await EventStreamClient.ConnectAsync(
            controlPlane.Http.BaseAddress!, controlPlane.AdminToken, "?follow=true&tail=2", path: $"/api/containers/{agent.Id}/web/logs");

        var events = await stream.TakeAsync(3);
        events.Select(e => e.Type).ShouldBe(["log", "log", "log"]);
        events.Select(e => e.Body.GetProperty("text").GetString()).ShouldBe(["one", "two", "three"]);
        // After the first read, the agent is asked for what came after the last line it sent.
        agent.Received.Skip(1).First().Logs!.Since.ShouldBe(Written.AddSeconds(1));
    }

    [Theory]
    [InlineData("tail=0", "tail must be a whole number from 1 to 5000.")]
    [InlineData("tail=5001", "tail must be a whole number from 1 to 5000.")]
    [InlineData("tail=many", "tail must be a whole number from 1 to 5000.")]
    [InlineData("tail=1&tail=2", "tail may be given once.")]
    [InlineData("since=yesterday", "since must be an ISO 8601 time, e.g. 2025-03-01T12:00:00Z.")]
    [InlineData("follow=maybe", "follow must be true or false.")]
    [InlineData("stdout=false&stderr=false", "stdout and stderr cannot both be false.")]
    public async Task A_bad_logs_query_is_rejected_with_400_naming_the_problem_and_nothing_is_sent(string query, string detail)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();

        using var response = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.Id}/web/logs?{query}", UriKind.Relative));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
        agent.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Logs_of_an_unknown_container_are_404_and_a_failed_read_is_502_with_the_agents_error()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        agent.Answer = _ => new CommandResult(false, "no such container: web");

        using var unknown = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.Id}/nope/logs", UriKind.Relative));
        using var failed = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.Id}/web/logs?follow=true", UriKind.Relative));

        await ProblemJson.ReadAsync(unknown, HttpStatusCode.NotFound);
        (await ProblemJson.ReadAsync(failed, HttpStatusCode.BadGateway)).GetProperty("detail").GetString().ShouldBe("no such container: web");
    }
}
