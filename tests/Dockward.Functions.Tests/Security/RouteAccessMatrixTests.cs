using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class RouteAccessMatrixTests(Servers servers)
{
    /// <summary>Every HTTP route and who may call it. A route added without an entry here fails the first test.</summary>
    private static readonly (string Method, string Route, string Access)[] Pinned =
    [
        ("GET", "/health", "Anonymous"),
        ("GET", "/ready", "Anonymous"),
        ("POST", "/api/auth/setup", "Anonymous"),
        ("POST", "/api/auth/login", "Anonymous"),
        ("POST", "/api/auth/token", "Anonymous"),
        ("POST", "/api/auth/refresh", "Anonymous"),
        ("POST", "/api/auth/logout", "Anonymous"),
        ("GET", "/api/auth/me", "Viewer"),
        ("POST", "/api/auth/password", "Viewer"),
        ("GET", "/api/users", "Admin"),
        ("POST", "/api/users", "Admin"),
        ("GET", "/api/users/{userId}", "Admin"),
        ("PATCH", "/api/users/{userId}", "Admin"),
        ("POST", "/api/users/{userId}/password", "Admin"),
        ("POST", "/api/users/{userId}/unlock", "Admin"),
        ("GET", "/api/tokens", "Viewer"),
        ("POST", "/api/tokens", "Viewer"),
        ("DELETE", "/api/tokens/{tokenId}", "Viewer"),
        ("POST", "/api/agents/enrol", "Anonymous"),
        ("POST", "/api/agents/{agentId}/inventory", "Agent"),
        ("GET", "/api/agents/{agentId}/jobs/next", "Agent"),
        ("POST", "/api/agents/{agentId}/jobs/{jobId}/steps", "Agent"),
        ("POST", "/api/agents/{agentId}/jobs/{jobId}/result", "Agent"),
        ("GET", "/api/agents/{agentId}/commands/next", "Agent"),
        ("POST", "/api/agents/{agentId}/commands/{commandId}/result", "Agent"),
        ("POST", "/api/containers/{agentId}/{name}/start", "Operator"),
        ("POST", "/api/containers/{agentId}/{name}/stop", "Operator"),
        ("POST", "/api/containers/{agentId}/{name}/restart", "Operator"),
        ("GET", "/api/containers/{agentId}/{name}/logs", "Viewer"),
        ("GET", "/api/containers/{agentId}/{name}/stats", "Viewer"),
        ("GET", "/api/containers/{agentId}/{name}/stats/live", "Viewer"),
        ("GET", "/api/agents", "Viewer"),
        ("GET", "/api/agents/{agentId}", "Viewer"),
        ("GET", "/api/events", "Viewer"),
        ("GET", "/api/system", "Viewer"),
        ("GET", "/api/settings", "Viewer"),
        ("PUT", "/api/settings", "Admin"),
        ("POST", "/api/agents/enrolment-tokens", "Admin"),
        ("POST", "/api/agents/{agentId}/revoke", "Admin"),
        ("POST", "/api/checks", "Operator"),
        ("GET", "/api/checks", "Viewer"),
        ("GET", "/api/checks/history", "Viewer"),
        ("GET", "/api/containers", "Viewer"),
        ("GET", "/api/containers/{agentId}/{name}", "Viewer"),
        ("POST", "/api/containers/{agentId}/{name}/register", "Operator"),
        ("POST", "/api/containers/{agentId}/{name}/unregister", "Operator"),
        ("POST", "/api/containers/actions", "Operator"),
        ("POST", "/api/containers/{agentId}/{name}/update", "Operator"),
        ("GET", "/api/jobs", "Viewer"),
        ("GET", "/api/jobs/{jobId}", "Viewer"),
        ("POST", "/api/jobs/{jobId}/approve", "Operator"),
        ("POST", "/api/jobs/{jobId}/reject", "Operator"),
        ("POST", "/api/jobs/{jobId}/cancel", "Operator"),
        ("POST", "/api/updates", "Operator"),
        ("GET", "/api/updates/waiting", "Viewer"),
        ("GET", "/api/containers/{agentId}/{name}/plan", "Viewer"),
        ("GET", "/api/policies", "Viewer"),
        ("POST", "/api/policies/validate", "Viewer"),
        ("GET", "/api/policies/global", "Viewer"),
        ("PUT", "/api/policies/global", "Operator"),
        ("DELETE", "/api/policies/global", "Operator"),
        ("GET", "/api/policies/groups/{group}", "Viewer"),
        ("PUT", "/api/policies/groups/{group}", "Operator"),
        ("DELETE", "/api/policies/groups/{group}", "Operator"),
        ("GET", "/api/policies/containers/{agentId}/{name}", "Viewer"),
        ("PUT", "/api/policies/containers/{agentId}/{name}", "Operator"),
        ("DELETE", "/api/policies/containers/{agentId}/{name}", "Operator"),
        ("GET", "/api/containers/{agentId}/{name}/policy", "Viewer"),
        ("GET", "/api/rollouts", "Viewer"),
        ("GET", "/api/rollouts/{rolloutId}", "Viewer"),
        ("POST", "/api/rollouts/{rolloutId}/cancel", "Operator"),
        ("POST", "/api/groups/{group}/update", "Operator"),
        ("GET", "/api/registries", "Admin"),
        ("PUT", "/api/registries/{host}", "Admin"),
        ("DELETE", "/api/registries/{host}", "Admin"),
        ("GET", "/api/audit", "Admin"),
        ("POST", "/api/webhooks/{provider}", "Webhook"),
        ("GET", "/api/webhooks", "Admin"),
        ("PUT", "/api/webhooks/{provider}", "Admin"),
        ("DELETE", "/api/webhooks/{provider}", "Admin"),
        ("POST", "/api/containers/{agentId}/{name}/config/preview", "Viewer"),
        ("POST", "/api/containers/{agentId}/{name}/config", "Operator"),
        ("GET", "/api/openapi.json", "Anonymous"),
    ];

    private enum Kind { None, Viewer, Operator, Admin, Agent, ViewerApiToken }

    [Fact]
    public void Every_route_of_the_catalog_has_exactly_the_access_pinned_in_this_test()
    {
        var actual = Routes().Select(r => (r.Method, r.Route, r.Access.ToString())).OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList();

        actual.ShouldBe(Pinned.OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Every_route_answers_401_without_the_right_kind_of_credential_403_for_too_low_a_role_and_neither_when_allowed()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        var @operator = await SecurityCalls.CreateUserAsync(controlPlane, "operator");
        var viewerToken = await TestSecurity.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password);
        var operatorToken = await TestSecurity.SignInAsync(controlPlane.Http, @operator.UserName, @operator.Password);
        var adminToken = await TestSecurity.SignInAsync(controlPlane.Http);
        string viewerApiToken;
        using (var viewerClient = TestSecurity.ClientWith(controlPlane.Http.BaseAddress!, viewerToken))
        using (var created = await viewerClient.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name = "matrix", role = "viewer" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            viewerApiToken = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        var callers = new (Kind Kind, string? Credential)[]
        {
            (Kind.None, null), (Kind.Viewer, viewerToken), (Kind.Operator, operatorToken), (Kind.Admin, adminToken),
            (Kind.Agent, agent.Credential), (Kind.ViewerApiToken, viewerApiToken),
        };
        var wrong = new List<string>();
        foreach (var route in Routes())
        {
            foreach (var (kind, credential) in callers)
            {
                // Logging out would end the caller's session for the rest of the matrix; the sign-in routes
                // take no credential, so only the anonymous and the agent caller try them.
                if (route.Access == Access.Anonymous && kind is Kind.Viewer or Kind.Operator or Kind.Admin)
                {
                    continue;
                }

                var path = Fill(route.Route, route.Access == Access.Agent ? agent.AgentId : SecurityCalls.RandomHex());
                if (route.Route.EndsWith("/jobs/next", StringComparison.Ordinal) || route.Route.EndsWith("/commands/next", StringComparison.Ordinal))
                {
                    path += "?waitSeconds=0";
                }

                if (route.Route == "/api/events")
                {
                    // An allowed caller would get a stream that never ends: a bad filter answers 400 once authorized.
                    path += "?types=no-such-type";
                }

                using var response = await SecurityCalls.SendAsync(controlPlane, new HttpMethod(route.Method), path, credential, route.Method == "GET" ? null : new { });
                var expected = Expected(route.Access, kind);
                var status = (int)response.StatusCode;
                var ok = expected switch
                {
                    401 or 403 => status == expected,
                    _ => status is not (401 or 403) && status < 500,
                };
                if (!ok)
                {
                    wrong.Add($"{route.Method} {path} as {kind}: {status} (expected {(expected == 0 ? "neither 401 nor 403" : expected)}) {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_agents_credential_on_another_agents_routes_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var first = await controlPlane.EnrolAgentAsync();
        var second = await controlPlane.EnrolAgentAsync();

        using var poll = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, $"/api/agents/{second.AgentId}/jobs/next?waitSeconds=0", first.Credential);
        using var inventory = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, $"/api/agents/{second.AgentId}/inventory", first.Credential, new { });
        using var own = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, $"/api/agents/{first.AgentId}/jobs/next?waitSeconds=0", first.Credential);

        poll.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        inventory.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        own.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    private static IReadOnlyList<HttpRegistration> Routes()
    {
        var registry = new FunctionRegistry();
        FunctionCatalog.Register(registry);
        return registry.Routes;
    }

    /// <summary>401, 403, or 0 for "allowed".</summary>
    private static int Expected(Access access, Kind kind) => access switch
    {
        // The auth layer lets every caller through; the function answers by the provider's secret (no such provider: 404).
        Access.Anonymous or Access.Webhook => 0,
        Access.Agent => kind == Kind.Agent ? 0 : 401,
        _ => kind switch
        {
            Kind.None or Kind.Agent => 401,
            Kind.Viewer or Kind.ViewerApiToken => access == Access.Viewer ? 0 : 403,
            Kind.Operator => access is Access.Viewer or Access.Operator ? 0 : 403,
            _ => 0,
        },
    };

    private static string Fill(string route, string agentId) => route
        .Replace("{agentId}", agentId, StringComparison.Ordinal)
        .Replace("{userId}", SecurityCalls.RandomHex(), StringComparison.Ordinal)
        .Replace("{tokenId}", SecurityCalls.RandomHex(), StringComparison.Ordinal)
        .Replace("{jobId}", SecurityCalls.RandomHex(), StringComparison.Ordinal)
        .Replace("{commandId}", SecurityCalls.RandomHex(), StringComparison.Ordinal)
        .Replace("{name}", "x", StringComparison.Ordinal)
        .Replace("{host}", "registry.invalid", StringComparison.Ordinal)
        // No such provider: the admin routes answer 404 and never set a secret, so the receiving route answers
        // 404 (not 401) whatever order the catalog lists them in.
        .Replace("{provider}", "no-such-provider", StringComparison.Ordinal);
}
