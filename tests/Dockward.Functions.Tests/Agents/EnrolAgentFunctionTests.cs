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
}
