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
        // The long poll is held open for the whole wait, not answered early (a loose upper bound: not a timing test).
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("3601")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task A_wait_that_is_not_a_whole_number_of_seconds_up_to_an_hour_is_rejected_with_400_problem_json(string waitSeconds)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds={waitSeconds}", agent.Credential);

        using var response = await controlPlane.Http.SendAsync(request);

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("waitSeconds must be a whole number of seconds from 0 to 3600.");
    }

    [Fact]
    public async Task A_wait_longer_than_the_control_plane_allows_is_shortened_not_refused()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_AGENTS__MAXJOBWAITSECONDS"] = "1");
        var agent = await controlPlane.EnrolAgentAsync();
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds=25", agent.Credential);

        var watch = Stopwatch.StartNew();
        using var response = await controlPlane.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "held for the control plane's 1 s, not the 25 s asked");
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
