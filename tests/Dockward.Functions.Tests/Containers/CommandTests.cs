using System.Net;
using System.Text;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Containers;

[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class CommandTests(Servers servers)
{
    [Fact]
    public async Task Two_concurrent_long_polls_of_an_agent_never_get_one_command_twice_and_another_agent_gets_none()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");
        await using var other = await InTestAgent.EnrolAsync(controlPlane, "web");
        var polls = new[] { agent.NextAsync(5), agent.NextAsync(5), other.NextAsync(3) };
        await Task.Delay(500);

        var action = controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/restart", UriKind.Relative), null);
        var handed = await Task.WhenAll(polls);

        handed[2].ShouldBeNull("another agent's poll never sees this agent's command");
        var command = handed[..2].OfType<AgentCommand>().ShouldHaveSingleItem();
        command.Kind.ShouldBe("restart");
        command.ContainerName.ShouldBe("web");
        using (var answered = await agent.AnswerAsync(command.CommandId, new CommandResult(true, null, State: "running")))
        {
            answered.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var response = await action;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_answer_sent_again_is_accepted_and_the_first_answer_stands()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");
        var action = controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/stop", UriKind.Relative), null);
        var command = (await agent.NextAsync(10)).ShouldNotBeNull();

        using var first = await agent.AnswerAsync(command.CommandId, new CommandResult(true, null, State: "exited"));
        using var again = await agent.AnswerAsync(command.CommandId, new CommandResult(false, "changed my mind"));

        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var response = await action;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain("\"state\":\"exited\"");
    }

    [Fact]
    public async Task An_answer_to_a_command_the_agent_was_not_handed_is_404()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");
        await using var other = await InTestAgent.EnrolAsync(controlPlane, "web");
        var action = controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/stop", UriKind.Relative), null);
        var command = (await agent.NextAsync(10)).ShouldNotBeNull();

        using var unknown = await agent.AnswerAsync("0638000000000000000-aaaaaaaaaaaa", new CommandResult(true, null));
        using var someoneElses = await other.AnswerAsync(command.CommandId, new CommandResult(false, "not mine"));

        await ProblemJson.ReadAsync(unknown, HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(someoneElses, HttpStatusCode.NotFound);
        using (var answered = await agent.AnswerAsync(command.CommandId, new CommandResult(true, null, State: "exited")))
        {
            answered.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var response = await action;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"succeeded":true,"error":null,"lines":[{"time":"2025-03-01T12:00:00Z","stream":"stdin","text":"hi"}]}""", "lines[0].stream must be stdout or stderr.")]
    [InlineData("""{"succeeded":true,"error":null,"state":"Running; drop"}""", "state 'Running; drop' is not a Docker state.")]
    [InlineData("""{"succeeded":true,"error":null,"stats":{"containerName":"web","at":"2025-03-01T12:00:00Z","cpuPercent":-1,"memoryBytes":1,"memoryLimitBytes":1,"networkRxBytes":0,"networkTxBytes":0,"blockReadBytes":0,"blockWriteBytes":0}}""", "stats.cpuPercent must be a finite number of at least 0.")]
    [InlineData("""{"succeeded":true,"error":null,"colour":"blue"}""", "colour")]
    public async Task An_answer_that_breaks_the_limits_is_rejected_with_400_and_the_command_stays_unanswered(string body, string named)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");
        var action = controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/stop", UriKind.Relative), null);
        var command = (await agent.NextAsync(10)).ShouldNotBeNull();

        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.Id}/commands/{command.CommandId}/result", agent.Credential,
            new StringContent(body, Encoding.UTF8, "application/json"));
        using var rejected = await controlPlane.Http.SendAsync(request);

        var problem = await ProblemJson.ReadAsync(rejected, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(named);
        using (var answered = await agent.AnswerAsync(command.CommandId, new CommandResult(true, null, State: "exited")))
        {
            answered.StatusCode.ShouldBe(HttpStatusCode.NoContent, "the rejected answer did not end the command");
        }

        using var response = await action;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_answer_with_more_log_lines_than_the_limit_is_rejected_with_400()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");

        using var response = await agent.AnswerAsync("0638000000000000000-aaaaaaaaaaaa", new CommandResult(true, null,
            Lines: [.. Enumerable.Range(0, ReportLimits.LogLines + 1).Select(_ => new LogLine(DateTimeOffset.UtcNow, "stdout", "x"))]));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe($"lines may hold at most {ReportLimits.LogLines} lines.");
    }

    [Theory]
    [InlineData("3601")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task A_command_poll_with_a_wait_that_is_not_whole_seconds_up_to_an_hour_is_rejected_with_400(string waitSeconds)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/commands/next?waitSeconds={waitSeconds}", agent.Credential);

        using var response = await controlPlane.Http.SendAsync(request);

        await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_command_poll_with_another_agents_credential_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var other = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/commands/next?waitSeconds=0", other.Credential);

        using var response = await controlPlane.Http.SendAsync(request);

        await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
    }
}
