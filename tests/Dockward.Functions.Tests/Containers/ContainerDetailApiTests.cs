using System.Net;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;
using static Dockward.Functions.Tests.Containers.ContainerCalls;

namespace Dockward.Functions.Tests.Containers;

/// <summary>GET /api/containers/{agentId}/{name}: everything the agent reported, secrets masked for all but admins.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ContainerDetailApiTests(Servers servers)
{
    private static readonly ContainerDetails Details = new(
        Ports: [new PortMapping(80, "tcp", "0.0.0.0", 8080), new PortMapping(9000, "udp", null, null)],
        Mounts: [new MountInfo("volume", "web-data", "/data", false), new MountInfo("bind", "/etc/web", "/config", true)],
        Networks: [new NetworkAttachment("shop", "172.20.0.5", ["web"])],
        Env: ["TZ=Europe/Berlin", "DB_PASSWORD=hunter2", "DATABASE_URL=postgres://app:s3cret@db/app", "PATH=/usr/bin"],
        RestartPolicy: new RestartPolicySpec("on-failure", 3),
        HealthOutput: "ok",
        HealthExitCode: 0,
        HealthCheckedAt: Created.AddMinutes(5),
        StartedAt: Created.AddMinutes(1),
        FinishedAt: null,
        ExitCode: 0,
        RestartCount: 2,
        Command: ["nginx", "-g", "daemon off;"],
        Entrypoint: ["/docker-entrypoint.sh"]);

    [Fact]
    public async Task The_detail_shows_what_the_agent_reported_with_secret_looking_values_masked_for_an_operator_and_shown_to_an_admin()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web", health: "healthy", labels: new Dictionary<string, string> { ["team"] = "blue" }, details: Details));
        var @operator = await SecurityCalls.CreateUserAsync(controlPlane, "operator");
        using var operatorClient = TestSecurity.ClientWith(
            controlPlane.Http.BaseAddress!, await TestSecurity.SignInAsync(controlPlane.Http, @operator.UserName, @operator.Password));

        var asOperator = await GetAsync(operatorClient, $"/api/containers/{agent.AgentId}/web");
        var asAdmin = await GetAsync(controlPlane.Admin, $"/api/containers/{agent.AgentId}/web");

        var env = asOperator.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => (e.GetProperty("value").GetString(), e.GetProperty("masked").GetBoolean()));
        env["TZ"].ShouldBe(("Europe/Berlin", false));
        env["PATH"].ShouldBe(("/usr/bin", false));
        env["DB_PASSWORD"].ShouldBe(("••••••", true));
        env["DATABASE_URL"].ShouldBe(("••••••", true));
        asAdmin.GetProperty("env").EnumerateArray().Select(e => e.GetProperty("value").GetString())
            .ShouldBe(["Europe/Berlin", "hunter2", "postgres://app:s3cret@db/app", "/usr/bin"]);
        asAdmin.GetProperty("env").EnumerateArray().ShouldAllBe(e => !e.GetProperty("masked").GetBoolean());

        asOperator.GetProperty("name").GetString().ShouldBe("web");
        asOperator.GetProperty("state").GetString().ShouldBe("running");
        asOperator.GetProperty("imageId").GetString().ShouldBe("sha256:" + new string('b', 64));
        asOperator.GetProperty("repoDigests")[0].GetString().ShouldBe("registry.example/team/web@sha256:" + new string('a', 64));
        asOperator.GetProperty("platform").GetString().ShouldBe("linux/amd64");
        asOperator.GetProperty("ports")[0].GetProperty("hostPort").GetInt32().ShouldBe(8080);
        asOperator.GetProperty("ports")[1].GetProperty("protocol").GetString().ShouldBe("udp");
        asOperator.GetProperty("mounts")[1].GetProperty("readOnly").GetBoolean().ShouldBeTrue();
        asOperator.GetProperty("networks")[0].GetProperty("ipAddress").GetString().ShouldBe("172.20.0.5");
        asOperator.GetProperty("restartPolicy").GetProperty("name").GetString().ShouldBe("on-failure");
        asOperator.GetProperty("restartPolicy").GetProperty("maximumRetryCount").GetInt32().ShouldBe(3);
        asOperator.GetProperty("health").GetProperty("status").GetString().ShouldBe("healthy");
        asOperator.GetProperty("health").GetProperty("output").GetString().ShouldBe("ok");
        asOperator.GetProperty("restartCount").GetInt64().ShouldBe(2);
        asOperator.GetProperty("command").EnumerateArray().Select(a => a.GetString()).ShouldBe(["nginx", "-g", "daemon off;"]);
        asOperator.GetProperty("labels").GetProperty("team").GetString().ShouldBe("blue");
        asOperator.GetProperty("policy").GetProperty("sources").GetProperty("enabled").GetString().ShouldBe("default");
        // The same effective policy, written the same way, as the policy route's: undecided settings left out, not null.
        var policy = await GetAsync(operatorClient, $"/api/containers/{agent.AgentId}/web/policy");
        asOperator.GetProperty("policy").GetProperty("settings").GetRawText().ShouldBe(policy.GetProperty("settings").GetRawText());
        asOperator.GetProperty("policy").GetProperty("settings").EnumerateObject().ShouldAllBe(p => p.Value.ValueKind != JsonValueKind.Null);
        asOperator.GetProperty("history").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_environment_is_not_stored_in_plain_text()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web", details: Details));

        var rows = await RawRowsAsync(controlPlane, "containers");

        var row = rows.ShouldHaveSingleItem();
        row.ShouldNotContain("hunter2");
        row.ShouldNotContain("Europe/Berlin");
        row.ShouldContain("daemon off;");
    }

    [Fact]
    public async Task An_unknown_container_or_agent_is_a_404_problem()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        await ReportAsync(controlPlane, agent, Snapshot("web"));

        using var noContainer = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.AgentId}/db", UriKind.Relative));
        using var noAgent = await controlPlane.Admin.GetAsync(new Uri("/api/containers/no-such-agent/web", UriKind.Relative));
        using var hugeName = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agent.AgentId}/{new string('x', 2000)}", UriKind.Relative));

        (await ProblemJson.ReadAsync(noContainer, HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe($"No container 'db' on agent '{agent.AgentId}'.");
        await ProblemJson.ReadAsync(noAgent, HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(hugeName, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ports", """[{"containerPort":70000,"protocol":"tcp","hostIp":null,"hostPort":null}]""", "details.ports[0]: ports are 1 to 65535")]
    [InlineData("ports", """[{"containerPort":80,"protocol":"icmp","hostIp":null,"hostPort":null}]""", "details.ports[0].protocol 'icmp'")]
    [InlineData("mounts", """[{"type":"nfs","source":"x","destination":"/x","readOnly":false}]""", "details.mounts[0].type 'nfs'")]
    [InlineData("restartPolicy", """{"name":"sometimes","maximumRetryCount":0}""", "details.restartPolicy 'sometimes'")]
    public async Task A_report_with_bad_details_is_a_400_naming_the_field_and_changes_nothing(string field, string json, string named)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var details = System.Text.Json.JsonSerializer.Serialize(Details, System.Text.Json.JsonSerializerOptions.Web);
        var node = System.Text.Json.Nodes.JsonNode.Parse(details)!;
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        var snapshot = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Snapshot("web"), System.Text.Json.JsonSerializerOptions.Web))!;
        snapshot["details"] = node;
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["containers"] = new System.Text.Json.Nodes.JsonArray(snapshot),
            ["reportedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["agentVersion"] = "0.1.0-test",
            ["dockerVersion"] = "27.0.0",
        };

        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential,
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        using var response = await controlPlane.Http.SendAsync(request);

        (await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith("containers[0]." + named);
        (await GetAsync(controlPlane.Admin, "/api/containers")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_report_with_an_environment_too_large_to_store_is_a_400()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var huge = Details with { Env = [.. Enumerable.Range(0, 100).Select(i => $"V{i}=" + new string('x', 300))] };

        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential,
            System.Net.Http.Json.JsonContent.Create(new InventoryReport([Snapshot("web", details: huge)], DateTimeOffset.UtcNow, "0.1.0-test", "27.0.0")));
        using var response = await controlPlane.Http.SendAsync(request);

        (await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("details.env takes");
    }
}
