using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dockward.Contracts;
using Dockward.Functions.Tests.Containers;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;

namespace Dockward.Functions.Tests.OpenApi;

/// <summary>The running control plane serves the checked-in document, and its real answers match what the document says.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class OpenApiConformanceTests(Servers servers)
{
    private static readonly OpenApiDocument Document = OpenApiDocument.Load();

    [Fact]
    public async Task The_document_is_served_to_anyone_as_json_exactly_as_checked_in()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Http.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldBe(Document.Text);
    }

    [Fact]
    public async Task Real_answers_of_the_read_routes_match_their_documented_schemas()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        using var viewerClient = TestSecurity.ClientWith(controlPlane.Http.BaseAddress!, await TestSecurity.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password));
        await controlPlane.EnrolAgentAsync();
        var admin = controlPlane.Admin;
        var checks = new List<(string Method, string Route, HttpResponseMessage Response)>();

        async Task Call(HttpClient client, string route, string path, int status)
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            ((int)response.StatusCode).ShouldBe(status, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
            checks.Add(("GET", route, response));
        }

        await Call(controlPlane.Http, "/health", "/health", 200);
        await Call(controlPlane.Http, "/ready", "/ready", 200);
        await Call(admin, "/api/auth/me", "/api/auth/me", 200);
        await Call(admin, "/api/users", "/api/users", 200);
        await Call(admin, "/api/policies/global", "/api/policies/global", 404);
        using (var set = await admin.PutAsJsonAsync(new Uri("/api/policies/global", UriKind.Relative), new { settings = new { mode = "monitor", track = "minor" } }))
        {
            set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }

        await Call(viewerClient, "/api/policies/global", "/api/policies/global", 200);
        await Call(viewerClient, "/api/jobs", "/api/jobs", 200);
        await Call(viewerClient, "/api/jobs", "/api/jobs?pageSize=0", 400);
        await Call(viewerClient, "/api/jobs/{jobId}", "/api/jobs/20261123102527368-00000000", 404);
        await Call(viewerClient, "/api/rollouts", "/api/rollouts", 200);
        await Call(viewerClient, "/api/agents", "/api/agents", 200);
        await Call(viewerClient, "/api/users", "/api/users", 403);
        await Call(controlPlane.Http, "/api/agents", "/api/agents", 401);
        using (var set = await admin.PutAsJsonAsync(new Uri("/api/registries/registry.example.com:5000", UriKind.Relative), new { userName = "robot", password = "s3cr3t-registry-token" }))
        {
            set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        }

        await Call(admin, "/api/registries", "/api/registries", 200);
        await Call(admin, "/api/audit", "/api/audit", 200);

        var wrong = new List<string>();
        foreach (var (method, route, response) in checks)
        {
            using (response)
            {
                wrong.AddRange(await MismatchesAsync(method, route, response));
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Real_answers_of_the_container_agent_and_system_routes_match_their_documented_schemas()
    {
        // No agent process answers commands here: short timeouts let stats answer with current null, and logs and actions with 504, quickly.
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, env =>
        {
            env["DOCKWARD_COMMANDS__READTIMEOUTSECONDS"] = "1";
            env["DOCKWARD_COMMANDS__ACTIONTIMEOUTSECONDS"] = "1";
        });
        var admin = controlPlane.Admin;
        var agent = await controlPlane.EnrolAgentAsync();
        var web = Servers.UniqueName("web");
        var db = Servers.UniqueName("db");
        var api = Servers.UniqueName("api");
        await ContainerCalls.ReportAsync(controlPlane, agent, ContainerCalls.Snapshot(web, health: "healthy", labels: new Dictionary<string, string> { ["team"] = "web" }, details: Details()), ContainerCalls.Snapshot(db, state: "exited"), ContainerCalls.Snapshot(api));
        var container = $"/api/containers/{agent.AgentId}/{web}";
        var checks = new List<(string Method, string Route, HttpResponseMessage Response)>();

        async Task Call(HttpClient client, HttpMethod method, string route, string path, int status, object? body = null, string? credential = null)
        {
            using var request = credential is null
                ? new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) }
                : ControlPlaneProcess.Request(method, path, credential, body is null ? null : JsonContent.Create(body));
            var response = await client.SendAsync(request);
            ((int)response.StatusCode).ShouldBe(status, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
            checks.Add((method.Method, route, response));
        }

        await Call(admin, HttpMethod.Get, "/api/containers", "/api/containers?sort=name&page=1&pageSize=1", 200);
        await Call(admin, HttpMethod.Get, "/api/containers", "/api/containers?state=exploded", 400);
        await Call(admin, HttpMethod.Get, "/api/containers/{agentId}/{name}", container, 200);
        await Call(admin, HttpMethod.Get, "/api/containers/{agentId}/{name}", $"/api/containers/{agent.AgentId}/missing", 404);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/unregister", $"/api/containers/{agent.AgentId}/{db}/unregister", 200);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/register", $"/api/containers/{agent.AgentId}/{db}/register", 200);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/register", $"/api/containers/{agent.AgentId}/missing/register", 404);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/register", $"/api/containers/{agent.AgentId}/{api}/register", 200);
        await Call(admin, HttpMethod.Post, "/api/containers/actions", "/api/containers/actions", 207,
            new { action = "unregister", containers = new[] { new { agentId = agent.AgentId, name = db }, new { agentId = agent.AgentId, name = "missing" } } });
        await Call(admin, HttpMethod.Post, "/api/containers/actions", "/api/containers/actions", 400, new { action = "explode", containers = new[] { new { agentId = agent.AgentId, name = db } } });
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/config/preview", container + "/config/preview", 200,
            new { env = new Dictionary<string, string?> { ["LOG_LEVEL"] = "debug", ["API_TOKEN"] = null }, labels = new Dictionary<string, string?> { ["team"] = "api" } });
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/config/preview", container + "/config/preview", 422,
            new { ports = new[] { new { containerPort = 0, protocol = "sctp-ish", hostPort = 70000 } } });
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/config", $"/api/containers/{agent.AgentId}/{db}/config", 409, new { env = new Dictionary<string, string?> { ["A"] = "1" } });
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/config", container + "/config", 202, new { env = new Dictionary<string, string?> { ["LOG_LEVEL"] = "debug" } });
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/config", container + "/config", 409, new { env = new Dictionary<string, string?> { ["LOG_LEVEL"] = "info" } });
        await Call(admin, HttpMethod.Get, "/api/agents", "/api/agents", 200);
        await Call(admin, HttpMethod.Get, "/api/agents/{agentId}", $"/api/agents/{agent.AgentId}", 200);
        await Call(admin, HttpMethod.Get, "/api/agents/{agentId}", "/api/agents/no-such-agent", 404);
        await Call(admin, HttpMethod.Get, "/api/system", "/api/system", 200);
        await Call(admin, HttpMethod.Get, "/api/settings", "/api/settings", 200);
        await Call(admin, HttpMethod.Put, "/api/settings", "/api/settings", 200, new { checkInterval = "30m", statsRetentionHours = 48 });
        var version = JsonNode.Parse(await checks[^1].Response.Content.ReadAsStringAsync())!["version"]!.GetValue<string>();
        await Call(admin, HttpMethod.Put, "/api/settings", "/api/settings", 422, new { checkInterval = "10s", statsRetentionHours = 500, version });
        await Call(admin, HttpMethod.Get, "/api/containers/{agentId}/{name}/stats", container + "/stats?minutes=5", 200);
        await Call(admin, HttpMethod.Get, "/api/containers/{agentId}/{name}/stats", container + "/stats?minutes=0", 400);
        await Call(admin, HttpMethod.Get, "/api/containers/{agentId}/{name}/logs", container + "/logs?tail=10", 504);
        await Call(admin, HttpMethod.Get, "/api/containers/{agentId}/{name}/logs", container + "/logs?stdout=false&stderr=false", 400);
        await Call(controlPlane.Http, HttpMethod.Get, "/api/agents/{agentId}/commands/next", $"/api/agents/{agent.AgentId}/commands/next", 204, credential: agent.Credential);
        await Call(controlPlane.Http, HttpMethod.Get, "/api/agents/{agentId}/commands/next", $"/api/agents/{agent.AgentId}/commands/next?waitSeconds=-1", 400, credential: agent.Credential);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/start", $"/api/containers/{agent.AgentId}/{api}/start", 504);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/stop", $"/api/containers/{agent.AgentId}/{db}/stop", 409);
        await Call(admin, HttpMethod.Post, "/api/containers/{agentId}/{name}/restart", $"/api/containers/{agent.AgentId}/missing/restart", 404);
        await Call(admin, HttpMethod.Post, "/api/containers/actions", "/api/containers/actions", 207,
            new { action = "restart", containers = new[] { new { agentId = agent.AgentId, name = api }, new { agentId = agent.AgentId, name = db } } });

        var wrong = new List<string>();
        foreach (var (method, route, response) in checks)
        {
            using (response)
            {
                wrong.AddRange(await MismatchesAsync(method, route, response));
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static ContainerDetails Details() => new(
        Ports: [new PortMapping(80, "tcp", "0.0.0.0", 8080)],
        Mounts: [new MountInfo("volume", "web-data", "/data")],
        Networks: [new NetworkAttachment("bridge", "172.17.0.2", [])],
        Env: ["LOG_LEVEL=info", "API_TOKEN=s3cr3t"],
        RestartPolicy: new RestartPolicySpec("unless-stopped"),
        HealthOutput: "ok",
        HealthExitCode: 0,
        HealthCheckedAt: ContainerCalls.Created,
        StartedAt: ContainerCalls.Created,
        FinishedAt: null,
        ExitCode: null,
        RestartCount: 0,
        Command: ["nginx", "-g", "daemon off;"],
        Entrypoint: null);

    /// <summary>What in the answer the document does not allow or does not say: an undocumented status, media type or property, or a body its schema refuses.</summary>
    private static async Task<IEnumerable<string>> MismatchesAsync(string method, string route, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var name = $"{method} {route} {status}";
        if (Document.Response(method, route, status) is not { } documented)
        {
            return [$"{name}: the status is not documented"];
        }

        if (status == 204 && documented["content"] is null)
        {
            return [];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (documented["content"]?[mediaType]?["schema"] is not { } schema)
        {
            return [$"{name}: {mediaType} is not documented"];
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return Document.Validate(schema, body).Select(error => $"{name}: {error}")
            .Concat(Document.Undocumented(schema, body).Select(property => $"{name}: {property} is in the answer but not in the schema"));
    }
}
