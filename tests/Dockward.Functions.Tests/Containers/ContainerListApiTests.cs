using System.Net;
using Dockward.Testing;
using static Dockward.Functions.Tests.Containers.ContainerCalls;

namespace Dockward.Functions.Tests.Containers;

/// <summary>GET /api/containers: search, filters, sorting, paging and bad input, against a real control plane.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ContainerListApiTests(Servers servers)
{
    [Fact]
    public async Task The_list_searches_filters_sorts_and_pages_what_the_agents_reported()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var alpha = await controlPlane.EnrolAgentAsync();
        var beta = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, alpha,
            Snapshot("web", health: "healthy", labels: new Dictionary<string, string> { ["dockward.enable"] = "true", ["dockward.group"] = "shop", ["team"] = "blue" }),
            Snapshot("db", state: "exited", labels: new Dictionary<string, string> { ["team"] = "red" }));
        await ReportAsync(controlPlane, beta, Snapshot("cache", health: "unhealthy", labels: new Dictionary<string, string> { ["dockward.group"] = "shop" }));

        var all = await GetAsync(controlPlane.Admin, "/api/containers");
        all.GetProperty("total").GetInt32().ShouldBe(3);
        all.GetProperty("page").GetInt32().ShouldBe(1);
        all.GetProperty("pageSize").GetInt32().ShouldBe(50);
        var web = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "web");
        web.GetProperty("agentId").GetString().ShouldBe(alpha.AgentId);
        web.GetProperty("host").GetString().ShouldStartWith("host-");
        web.GetProperty("tag").GetString().ShouldBe("1.2");
        web.GetProperty("state").GetString().ShouldBe("running");
        web.GetProperty("reportedState").GetString().ShouldBe("running");
        web.GetProperty("health").GetString().ShouldBe("healthy");
        web.GetProperty("managed").GetBoolean().ShouldBeTrue();
        web.GetProperty("group").GetString().ShouldBe("shop");
        web.GetProperty("mode").GetString().ShouldBe("auto");
        web.GetProperty("updateAvailable").GetBoolean().ShouldBeFalse();

        Names(await GetAsync(controlPlane.Admin, "/api/containers?q=RED")).ShouldBe(["db"]);
        Names(await GetAsync(controlPlane.Admin, $"/api/containers?agentId={beta.AgentId}")).ShouldBe(["cache"]);
        Names(await GetAsync(controlPlane.Admin, "/api/containers?state=exited")).ShouldBe(["db"]);
        Names(await GetAsync(controlPlane.Admin, "/api/containers?health=healthy&health=unhealthy&sort=name")).ShouldBe(["cache", "web"]);
        Names(await GetAsync(controlPlane.Admin, "/api/containers?group=shop&managed=false")).ShouldBe(["cache"]);
        Names(await GetAsync(controlPlane.Admin, "/api/containers?label=team=blue")).ShouldBe(["web"]);
        Names(await GetAsync(controlPlane.Admin, "/api/containers?label=team&sort=-name")).ShouldBe(["web", "db"]);
        Names(await GetAsync(controlPlane.Admin, "/api/containers?update=none&mode=auto&sort=-name")).ShouldBe(["web", "db", "cache"]);
        var second = await GetAsync(controlPlane.Admin, "/api/containers?sort=name&page=2&pageSize=2");
        Names(second).ShouldBe(["web"]);
        second.GetProperty("total").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task The_list_follows_each_new_report_at_once()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web"), Snapshot("db"));
        Names(await GetAsync(controlPlane.Admin, "/api/containers")).ShouldBe(["db", "web"]);

        await ReportAsync(controlPlane, agent, Snapshot("web", state: "exited"), Snapshot("worker"));

        var page = await GetAsync(controlPlane.Admin, "/api/containers");
        Names(page).ShouldBe(["web", "worker"]);
        page.GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("exited");
    }

    [Fact]
    public async Task The_containers_of_an_agent_that_stopped_reporting_show_as_unknown_with_what_it_last_said()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, env => env["DOCKWARD_AGENTS__OFFLINEAFTERSECONDS"] = "10");
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web", state: "exited"));
        (await GetAsync(controlPlane.Admin, "/api/containers")).GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("exited");

        await Wait.UntilAsync("the agent to count as offline", TimeSpan.FromSeconds(30), async () =>
            (await GetAsync(controlPlane.Admin, "/api/containers?state=unknown")).GetProperty("total").GetInt32() == 1);

        var item = (await GetAsync(controlPlane.Admin, "/api/containers")).GetProperty("items")[0];
        item.GetProperty("state").GetString().ShouldBe("unknown");
        item.GetProperty("reportedState").GetString().ShouldBe("exited");
        (await GetAsync(controlPlane.Admin, $"/api/containers/{agent.AgentId}/web")).GetProperty("state").GetString().ShouldBe("unknown");

        await ReportAsync(controlPlane, agent, Snapshot("web", state: "exited"));
        (await GetAsync(controlPlane.Admin, "/api/containers")).GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("exited");
    }

    [Theory]
    [InlineData("state=sleeping", "state 'sleeping'")]
    [InlineData("health=fine", "health 'fine'")]
    [InlineData("update=yes", "update 'yes'")]
    [InlineData("mode=sometimes", "mode 'sometimes'")]
    [InlineData("managed=perhaps", "managed 'perhaps'")]
    [InlineData("sort=size", "sort 'size'")]
    [InlineData("page=0", "page '0'")]
    [InlineData("pageSize=10000", "pageSize '10000'")]
    [InlineData("pageSize=-1", "pageSize '-1'")]
    [InlineData("q=a&q=b", "q may be given once")]
    public async Task A_bad_filter_sort_or_page_is_a_400_naming_it(string query, string named)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Admin.GetAsync(new Uri("/api/containers?" + query, UriKind.Relative));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith(named);
    }
}
