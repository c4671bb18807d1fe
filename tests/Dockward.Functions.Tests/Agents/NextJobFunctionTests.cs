using System.Diagnostics;
using System.Net;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Agents;

[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class NextJobFunctionTests(Servers servers)
{
    [Fact]
    public async Task Waiting_for_a_job_when_none_comes_answers_204_after_about_the_wait()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds=1", agent.Credential);

        var watch = Stopwatch.StartNew();
        using var response = await controlPlane.Http.SendAsync(request);
        watch.Stop();

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        // JobDispatcher polls the store every 500 ms and gives up when the next poll would pass the deadline,
        // so today the 204 comes after 0.5 to 1 s of a 1 s wait: held open, never much longer than asked.
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task A_wait_outside_0_to_the_maximum_is_rejected_with_400_problem_json(string waitSeconds)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds={waitSeconds}", agent.Credential);

        using var response = await controlPlane.Http.SendAsync(request);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("waitSeconds must be a whole number from 0 to 30.");
    }

    [Fact]
    public async Task Waiting_for_a_job_without_a_credential_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds=0", credential: null);

        using var response = await controlPlane.Http.SendAsync(request);

        await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
    }
}
