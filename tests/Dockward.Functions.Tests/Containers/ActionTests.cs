using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Containers;

[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ActionTests(Servers servers)
{
    [Theory]
    [InlineData("start", "running")]
    [InlineData("stop", "exited")]
    [InlineData("restart", "running")]
    public async Task An_action_is_relayed_to_the_containers_agent_and_answers_with_the_state_it_left_the_container_in(string action, string state)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web", "db")).Listen();
        agent.Answer = command => new CommandResult(true, null, State: state);

        using var response = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/{action}", UriKind.Relative), null);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var answer = JsonDocument.Parse(body).RootElement;
        answer.GetProperty("agentId").GetString().ShouldBe(agent.Id);
        answer.GetProperty("name").GetString().ShouldBe("web");
        answer.GetProperty("action").GetString().ShouldBe(action);
        answer.GetProperty("state").GetString().ShouldBe(state);
        agent.Received.Select(c => (c.Kind, c.ContainerName)).ShouldBe([(action, "web")]);
        var audit = await SecurityCalls.AuditAsync(controlPlane, $"action=container.{action}");
        audit.ShouldHaveSingleItem().GetProperty("target").GetString().ShouldBe($"{agent.Id}/web");
    }

    [Fact]
    public async Task An_action_the_agent_fails_answers_502_with_the_agents_error()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        agent.Answer = command => new CommandResult(false, "port 80 is already allocated", State: "created");

        using var response = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/start", UriKind.Relative), null);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadGateway);
        problem.GetProperty("detail").GetString().ShouldBe("port 80 is already allocated");
    }

    [Fact]
    public async Task An_action_no_poll_takes_in_time_answers_504_and_is_never_handed_to_the_agent_afterwards()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_COMMANDS__ACTIONTIMEOUTSECONDS"] = "1");
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");

        using var response = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/stop", UriKind.Relative), null);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.GatewayTimeout);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("will not happen");
        // The agent comes back: the stop nobody waits for any more is not run.
        (await agent.NextAsync(waitSeconds: 1)).ShouldBeNull();
    }

    [Fact]
    public async Task An_action_the_agent_took_but_did_not_answer_in_time_answers_504_saying_it_may_have_happened()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_COMMANDS__ACTIONTIMEOUTSECONDS"] = "2");
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        agent.Answer = _ => null;

        using var response = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/restart", UriKind.Relative), null);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.GatewayTimeout);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("may still have happened");
        agent.Received.ShouldHaveSingleItem().Kind.ShouldBe("restart");
    }

    [Theory]
    [InlineData("known-agent", "no-such-container")]
    [InlineData("no-such-agent", "web")]
    public async Task An_action_on_an_unknown_agent_or_container_answers_404_and_sends_nothing(string agentId, string name)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();

        using var response = await controlPlane.Admin.PostAsync(
            new Uri($"/api/containers/{(agentId == "known-agent" ? agent.Id : agentId)}/{name}/start", UriKind.Relative), null);

        await ProblemJson.ReadAsync(response, HttpStatusCode.NotFound);
        agent.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_action_on_a_container_that_is_not_managed_answers_409_and_sends_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, ("web", false))).Listen();

        using var response = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/stop", UriKind.Relative), null);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe("Container 'web' is not managed by Dockward.");
        agent.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_action_while_the_agent_is_offline_answers_409_and_sends_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_AGENTS__OFFLINEAFTERSECONDS"] = "10");
        await using var agent = await InTestAgent.EnrolAsync(controlPlane, "web");
        await Task.Delay(TimeSpan.FromSeconds(11));

        using var response = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.Id}/web/stop", UriKind.Relative), null);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("is offline");
        (await agent.NextAsync(waitSeconds: 0)).ShouldBeNull();
    }

    [Fact]
    public async Task A_viewer_may_not_stop_a_container_and_an_operator_may()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await using var agent = (await InTestAgent.EnrolAsync(controlPlane, "web")).Listen();
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        var @operator = await SecurityCalls.CreateUserAsync(controlPlane, "operator");

        using var refused = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, $"/api/containers/{agent.Id}/web/stop",
            await TestSecurity.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password), new { });
        await ProblemJson.ReadAsync(refused, HttpStatusCode.Forbidden);
        agent.Received.ShouldBeEmpty();

        using var allowed = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, $"/api/containers/{agent.Id}/web/stop",
            await TestSecurity.SignInAsync(controlPlane.Http, @operator.UserName, @operator.Password), new { });
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
        agent.Received.ShouldHaveSingleItem().Kind.ShouldBe("stop");
    }
}
