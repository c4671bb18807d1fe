using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Agents;

[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class EnrolAgentFunctionTests(Servers servers)
{
    [Fact]
    public async Task An_agent_with_the_wrong_enrolment_token_is_refused_with_401_problem_json()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Http.PostAsJsonAsync(
            new Uri("/api/agents/enrol", UriKind.Relative),
            new EnrolRequest("not-the-enrolment-token", "host-a", "0.1.0", "27.0.0"));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString()!.ShouldStartWith("The enrolment token is wrong, used or expired");
        problem.TryGetProperty("agentId", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_agent_with_the_right_enrolment_token_gets_its_own_id_and_a_credential_that_works()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Http.PostAsJsonAsync(
            new Uri("/api/agents/enrol", UriKind.Relative),
            new EnrolRequest(await TestSecurity.CreateEnrolmentTokenAsync(controlPlane.Admin), "host-a", "0.1.0", "27.0.0"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var agentId = body.GetProperty("agentId").GetString().ShouldNotBeNull();
        var credential = body.GetProperty("credential").GetString().ShouldNotBeNull();
        agentId.ShouldNotBeEmpty();
        credential.Length.ShouldBeGreaterThanOrEqualTo(32);
        using var poll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agentId}/jobs/next?waitSeconds=0", credential);
        using var polled = await controlPlane.Http.SendAsync(poll);
        polled.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    [Trait("Area", "Security")]
    public async Task An_enrolment_token_works_once_a_second_agent_with_it_is_refused()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var token = await TestSecurity.CreateEnrolmentTokenAsync(controlPlane.Admin);

        using var first = await controlPlane.Http.PostAsJsonAsync(new Uri("/api/agents/enrol", UriKind.Relative), new EnrolRequest(token, "host-a", "0.1.0", "27.0.0"));
        using var second = await controlPlane.Http.PostAsJsonAsync(new Uri("/api/agents/enrol", UriKind.Relative), new EnrolRequest(token, "host-b", "0.1.0", "27.0.0"));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemJson.ReadAsync(second, HttpStatusCode.Unauthorized);
    }

    [Fact]
    [Trait("Area", "Security")]
    public async Task A_revoked_agent_gets_401_on_its_routes()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var revoke = await controlPlane.Admin.PostAsync(new Uri($"/api/agents/{agent.AgentId}/revoke", UriKind.Relative), null);
        using var poll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds=0", agent.Credential);
        using var polled = await controlPlane.Http.SendAsync(poll);

        revoke.StatusCode.ShouldBe(HttpStatusCode.OK);
        polled.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_agents_enrolling_get_different_ids_and_credentials()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        var first = await controlPlane.EnrolAgentAsync();
        var second = await controlPlane.EnrolAgentAsync();

        second.AgentId.ShouldNotBe(first.AgentId);
        second.Credential.ShouldNotBe(first.Credential);
    }

    [Fact]
    [Trait("Area", "Security")]
    public async Task A_token_for_a_new_agent_cannot_take_over_an_enrolled_agents_name_but_a_token_made_for_that_agent_re_enrols_it()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var name = Servers.UniqueName("host-");
        using var first = await EnrolAsync(controlPlane, await TestSecurity.CreateEnrolmentTokenAsync(controlPlane.Admin), name);
        var original = (await first.Content.ReadFromJsonAsync<EnrolResponse>())!;
        using var revoke = await controlPlane.Admin.PostAsync(new Uri($"/api/agents/{original.AgentId}/revoke", UriKind.Relative), null);

        using var takeover = await EnrolAsync(controlPlane, await TestSecurity.CreateEnrolmentTokenAsync(controlPlane.Admin), name);
        using var forIt = await controlPlane.Admin.PostAsJsonAsync(new Uri("/api/agents/enrolment-tokens", UriKind.Relative), new { agentId = original.AgentId });
        var reToken = (await forIt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var wrongHost = await EnrolAsync(controlPlane, reToken, "some-other-host");
        using var back = await EnrolAsync(controlPlane, await RecreateAsync(controlPlane, original.AgentId), name);

        await ProblemJson.ReadAsync(takeover, HttpStatusCode.Conflict);
        await ProblemJson.ReadAsync(wrongHost, HttpStatusCode.Conflict);
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = (await back.Content.ReadFromJsonAsync<EnrolResponse>())!;
        again.AgentId.ShouldBe(original.AgentId);
        using var poll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{again.AgentId}/jobs/next?waitSeconds=0", again.Credential);
        (await controlPlane.Http.SendAsync(poll)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var oldPoll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{again.AgentId}/jobs/next?waitSeconds=0", original.Credential);
        (await controlPlane.Http.SendAsync(oldPoll)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    [Trait("Area", "Security")]
    public async Task An_over_long_agent_id_in_the_route_is_refused_with_401_not_a_server_error()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var poll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{new string('a', 2000)}/jobs/next?waitSeconds=0", "whatever");
        using var response = await controlPlane.Http.SendAsync(poll);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> EnrolAsync(ControlPlaneProcess controlPlane, string token, string name) =>
        controlPlane.Http.PostAsJsonAsync(new Uri("/api/agents/enrol", UriKind.Relative), new EnrolRequest(token, name, "0.1.0", "27.0.0"));

    private static async Task<string> RecreateAsync(ControlPlaneProcess controlPlane, string agentId)
    {
        using var created = await controlPlane.Admin.PostAsJsonAsync(new Uri("/api/agents/enrolment-tokens", UriKind.Relative), new { agentId });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
