using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

    /// <summary>What in the answer the document does not allow: an undocumented status or media type, or a body its schema refuses.</summary>
    private static async Task<IEnumerable<string>> MismatchesAsync(string method, string route, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var name = $"{method} {route} {status}";
        if (Document.Response(method, route, status) is not { } documented)
        {
            return [$"{name}: the status is not documented"];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (documented["content"]?[mediaType]?["schema"] is not { } schema)
        {
            return [$"{name}: {mediaType} is not documented"];
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return Document.Validate(schema, body).Select(error => $"{name}: {error}");
    }
}
