using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;
using static Dockward.Functions.Tests.Containers.ContainerCalls;

namespace Dockward.Functions.Tests.Containers;

/// <summary>POST /api/containers/{agentId}/{name}/register and /unregister: a person's word on management beats labels and policies.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ContainerRegistrationApiTests(Servers servers)
{
    [Fact]
    public async Task An_unregistered_container_is_not_managed_whatever_its_label_says_and_registering_it_again_manages_it()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web", labels: new Dictionary<string, string> { ["dockward.enable"] = "true" }), Snapshot("db"));

        using var unregistered = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.AgentId}/web/unregister", UriKind.Relative), null);
        var item = await unregistered.Content.ReadFromJsonAsync<JsonElement>();
        unregistered.StatusCode.ShouldBe(HttpStatusCode.OK, item.ToString());
        item.GetProperty("name").GetString().ShouldBe("web");
        item.GetProperty("managed").GetBoolean().ShouldBeFalse();
        var policy = await GetAsync(controlPlane.Admin, $"/api/containers/{agent.AgentId}/web/policy");
        policy.GetProperty("settings").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        policy.GetProperty("sources").GetProperty("enabled").GetString().ShouldBe("management");
        Names(await GetAsync(controlPlane.Admin, "/api/containers?managed=true")).ShouldBeEmpty();

        // The registration outlives the container's record: it is still unregistered after the next report.
        await ReportAsync(controlPlane, agent, Snapshot("web", labels: new Dictionary<string, string> { ["dockward.enable"] = "true" }), Snapshot("db"));
        (await GetAsync(controlPlane.Admin, $"/api/containers/{agent.AgentId}/web")).GetProperty("managed").GetBoolean().ShouldBeFalse();

        using var registered = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.AgentId}/db/register", UriKind.Relative), null);
        registered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("managed").GetBoolean().ShouldBeTrue();
        Names(await GetAsync(controlPlane.Admin, "/api/containers?managed=true")).ShouldBe(["db"]);
        (await GetAsync(controlPlane.Admin, $"/api/containers/{agent.AgentId}/db/policy")).GetProperty("sources").GetProperty("enabled").GetString().ShouldBe("management");

        var audit = await SecurityCalls.AuditAsync(controlPlane, "action=container.unregister");
        audit.ShouldHaveSingleItem().GetProperty("target").GetString().ShouldBe($"{agent.AgentId}/web");
    }

    [Fact]
    public async Task Registering_a_container_no_agent_reported_is_a_404_and_stores_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web"));

        using var unknownName = await controlPlane.Admin.PostAsync(new Uri($"/api/containers/{agent.AgentId}/db/register", UriKind.Relative), null);
        using var unknownAgent = await controlPlane.Admin.PostAsync(new Uri("/api/containers/no-such-agent/web/unregister", UriKind.Relative), null);

        await ProblemJson.ReadAsync(unknownName, HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(unknownAgent, HttpStatusCode.NotFound);
        (await RawRowsAsync(controlPlane, "containermanagement")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_viewer_may_not_register_or_unregister()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web"));
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        using var client = TestSecurity.ClientWith(controlPlane.Http.BaseAddress!, await TestSecurity.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password));

        using var register = await client.PostAsync(new Uri($"/api/containers/{agent.AgentId}/web/register", UriKind.Relative), null);
        using var unregister = await client.PostAsync(new Uri($"/api/containers/{agent.AgentId}/web/unregister", UriKind.Relative), null);

        await ProblemJson.ReadAsync(register, HttpStatusCode.Forbidden);
        await ProblemJson.ReadAsync(unregister, HttpStatusCode.Forbidden);
        (await GetAsync(client, $"/api/containers/{agent.AgentId}/web")).GetProperty("policy").GetProperty("sources").GetProperty("enabled").GetString().ShouldBe("default");
    }
}
