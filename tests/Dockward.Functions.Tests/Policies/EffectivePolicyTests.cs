using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;
using static Dockward.Functions.Tests.Policies.PolicyCalls;

namespace Dockward.Functions.Tests.Policies;

/// <summary>GET /api/containers/{agentId}/{name}/policy: every setting decided, each with where it came from.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class EffectivePolicyTests(Servers servers)
{
    [Fact]
    public async Task The_effective_policy_says_where_each_setting_came_from_and_a_locked_group_policy_beats_a_label()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agentId = await ReportContainerAsync(controlPlane, "web", new() { ["dockward.update"] = "manual", ["dockward.group"] = "web" });
        using var viewer = await SignedInAsAsync(controlPlane, "viewer");
        await ReadOkAsync(await PutAsync(controlPlane.Admin, "/api/policies/global", new { settings = new { minimumAge = "1d" } }));
        var group = await ReadOkAsync(await PutAsync(controlPlane.Admin, "/api/policies/groups/web", new { settings = new { strategy = "start-first", mode = "auto" } }));

        var unlocked = await viewer.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agentId}/web/policy", UriKind.Relative));

        unlocked.GetProperty("group").GetString().ShouldBe("web");
        unlocked.GetProperty("settings").GetProperty("mode").GetString().ShouldBe("manual");
        unlocked.GetProperty("settings").GetProperty("strategy").GetString().ShouldBe("start-first");
        unlocked.GetProperty("settings").GetProperty("minimumAge").GetString().ShouldBe("1d");
        var sources = unlocked.GetProperty("sources");
        sources.GetProperty("mode").GetString().ShouldBe("label dockward.update");
        sources.GetProperty("strategy").GetString().ShouldBe("group web");
        sources.GetProperty("minimumAge").GetString().ShouldBe("global");
        sources.GetProperty("rollout").GetString().ShouldBe("default");
        unlocked.GetProperty("problems").GetArrayLength().ShouldBe(0);

        await ReadOkAsync(await PutAsync(controlPlane.Admin, "/api/policies/groups/web",
            new { settings = new { strategy = "start-first", mode = "auto" }, locked = true, version = group.GetProperty("version").GetString() }));
        var locked = await viewer.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agentId}/web/policy", UriKind.Relative));

        locked.GetProperty("settings").GetProperty("mode").GetString().ShouldBe("auto");
        locked.GetProperty("sources").GetProperty("mode").GetString().ShouldBe("group web");
        locked.GetProperty("problems")[0].GetString().ShouldNotBeNull().ShouldContain("label dockward.update ignored");
    }
}
