using System.Text.Json;
using Dockward.Functions.Tests.Policies;
using Dockward.Testing;

namespace Dockward.Functions.Tests.SystemApi;

/// <summary><c>GET /api/system</c>: this instance, the store, agents, containers and timers.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class SystemInfoTests(Servers servers)
{
    [Fact]
    public async Task A_viewer_sees_the_version_the_store_answering_the_agents_the_containers_and_every_timer()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        await PolicyCalls.ReportContainerAsync(controlPlane, "web", new Dictionary<string, string> { ["dockward.enable"] = "true" });
        await PolicyCalls.ReportContainerAsync(controlPlane, "db", new Dictionary<string, string> { ["dockward.enable"] = "false" });
        using var viewer = await PolicyCalls.SignedInAsAsync(controlPlane, "viewer");

        var system = await PolicyCalls.ReadOkAsync(await viewer.GetAsync(new Uri("/api/system", UriKind.Relative)));

        system.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        system.GetProperty("instance").GetString().ShouldNotBeNullOrEmpty();
        system.GetProperty("uptimeSeconds").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        system.GetProperty("startedAt").GetDateTimeOffset().ShouldBeLessThan(DateTimeOffset.UtcNow);
        system.GetProperty("store").GetProperty("status").GetString().ShouldBe("ok");
        var agents = system.GetProperty("agents");
        (agents.GetProperty("total").GetInt32(), agents.GetProperty("online").GetInt32(), agents.GetProperty("offline").GetInt32()).ShouldBe((2, 2, 0));
        var containers = system.GetProperty("containers");
        (containers.GetProperty("total").GetInt32(), containers.GetProperty("managed").GetInt32()).ShouldBe((2, 1));
        var timers = system.GetProperty("timers").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        new[] { "ScanRegistries", "MarkOfflineAgents", "PruneEvents", "PruneCheckHistory", "PruneSecurityRecords" }.ShouldBeSubsetOf(timers);
        system.GetProperty("timers").EnumerateArray().First().GetProperty("next").ValueKind.ShouldBe(JsonValueKind.String);
    }
}
