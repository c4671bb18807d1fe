using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Agents;

[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class ReportInventoryFunctionTests(Servers servers)
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_report_without_a_credential_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var response = await SendAsync(controlPlane, agent.AgentId, credential: null, JsonContent.Create(Report("web")));

        await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
        (await ContainersAsync(controlPlane)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_with_another_agents_credential_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var other = await controlPlane.EnrolAgentAsync();

        using var wrong = await SendAsync(controlPlane, agent.AgentId, "not-a-credential", JsonContent.Create(Report("web")));
        using var borrowed = await SendAsync(controlPlane, agent.AgentId, other.Credential, JsonContent.Create(Report("web")));

        await ProblemJson.ReadAsync(wrong, HttpStatusCode.Unauthorized);
        await ProblemJson.ReadAsync(borrowed, HttpStatusCode.Unauthorized);
        (await ContainersAsync(controlPlane)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"containers": [""", "not a valid InventoryReport")]
    [InlineData("""{"reportedAt":"2025-03-01T12:00:00Z","agentVersion":"1","dockerVersion":"27"}""", "containers")]
    [InlineData("""{"containers":[],"reportedAt":"2025-03-01T12:00:00Z","agentVersion":"1","dockerVersion":"27","colour":"blue"}""", "colour")]
    [InlineData("null", "The body is empty or null.")]
    public async Task A_malformed_body_is_rejected_with_400_problem_json_naming_the_problem(string body, string named)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var response = await SendAsync(controlPlane, agent.AgentId, agent.Credential, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(named);
    }

    [Theory]
    [InlineData("/web", "containers[0].name '/web' is not a Docker container name.")]
    [InlineData("web one", "containers[0].name 'web one' is not a Docker container name.")]
    public async Task A_report_naming_a_container_badly_is_rejected_with_400_naming_the_container(string name, string detail)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var response = await SendAsync(controlPlane, agent.AgentId, agent.Credential, JsonContent.Create(Report(name)));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe(detail);
    }

    [Fact]
    public async Task A_report_listing_one_container_twice_is_rejected_with_400()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var response = await SendAsync(controlPlane, agent.AgentId, agent.Credential, JsonContent.Create(Report("web", "web")));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("containers[1].name 'web' appears twice.");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_rejected_with_415()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var response = await SendAsync(controlPlane, agent.AgentId, agent.Credential, new StringContent("web", Encoding.UTF8, "text/plain"));

        await ProblemJson.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_valid_report_is_listed_by_api_containers()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var response = await SendAsync(controlPlane, agent.AgentId, agent.Credential, JsonContent.Create(Report("web", "db")));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var listed = await ContainersAsync(controlPlane);
        listed.Select(c => c.GetProperty("name").GetString()).ShouldBe(["db", "web"]);
        var web = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agent.AgentId}/web", UriKind.Relative));
        web.GetProperty("agentId").GetString().ShouldBe(agent.AgentId);
        web.GetProperty("image").GetString().ShouldBe("registry.example/web:1");
        web.GetProperty("repoDigests")[0].GetString().ShouldBe("registry.example/web@sha256:" + new string('a', 64));
        web.GetProperty("labels").GetProperty("team").GetString().ShouldBe("blue");
        web.GetProperty("platform").GetString().ShouldBe("linux/arm64/v8");
    }

    [Fact]
    public async Task A_report_with_a_platform_that_is_not_os_slash_architecture_is_rejected_with_400()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var report = Report("web");
        report = report with { Containers = [report.Containers[0] with { Platform = "linux amd64; drop" }] };

        using var response = await SendAsync(controlPlane, agent.AgentId, agent.Credential, JsonContent.Create(report));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("containers[0].platform 'linux amd64; drop' is not os/architecture[/variant].");
        (await ContainersAsync(controlPlane)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_later_report_replaces_the_agents_containers()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();

        using var first = await SendAsync(controlPlane, agent.AgentId, agent.Credential, JsonContent.Create(Report("web", "db")));
        using var second = await SendAsync(controlPlane, agent.AgentId, agent.Credential, JsonContent.Create(Report("web")));

        second.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ContainersAsync(controlPlane)).Select(c => c.GetProperty("name").GetString()).ShouldBe(["web"]);
    }

    private static InventoryReport Report(params string[] names) => new(
        [.. names.Select((name, i) => new ContainerSnapshot(
            Id: $"{i:x}".PadLeft(64, 'c'),
            Name: name,
            Image: $"registry.example/{name.Trim('/').Replace(' ', '-')}:1",
            ImageId: "sha256:" + new string('b', 64),
            RepoDigests: [$"registry.example/{name.Trim('/').Replace(' ', '-')}@sha256:" + new string('a', 64)],
            State: "running",
            Health: "healthy",
            Labels: new Dictionary<string, string> { ["team"] = "blue" },
            Created: Created,
            Platform: "linux/arm64/v8"))],
        DateTimeOffset.UtcNow,
        "0.1.0-test",
        "27.0.0");

    private static async Task<HttpResponseMessage> SendAsync(ControlPlaneProcess controlPlane, string agentId, string? credential, HttpContent body)
    {
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agentId}/inventory", credential, body);
        return await controlPlane.Http.SendAsync(request);
    }

    /// <summary>The containers of GET /api/containers, in the order it lists them.</summary>
    private static async Task<List<JsonElement>> ContainersAsync(ControlPlaneProcess controlPlane)
    {
        var list = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/containers?pageSize=500", UriKind.Relative));
        return [.. list.GetProperty("items").EnumerateArray()];
    }
}
