using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Functions.Tests.Security;

namespace Dockward.Functions.Tests.Policies;

/// <summary>The calls the policy tests make: policies through the API, and containers through an agent's inventory.</summary>
internal static class PolicyCalls
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An agent reports one container <c>web</c> with <paramref name="labels"/>; returns the agent's id.</summary>
    public static async Task<string> ReportContainerAsync(ControlPlaneProcess controlPlane, string name, Dictionary<string, string> labels)
    {
        var agent = await controlPlane.EnrolAgentAsync();
        var report = new InventoryReport(
            [new ContainerSnapshot(
                new string('c', 64), name, $"registry.example/{name}:1.0", "sha256:" + new string('b', 64),
                [$"registry.example/{name}@sha256:" + new string('a', 64)], "running", null, labels, DateTimeOffset.UtcNow)],
            DateTimeOffset.UtcNow, "0.1.0-test", "27.0.0");
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential, JsonContent.Create(report));
        using var response = await controlPlane.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return agent.AgentId;
    }

    /// <summary>A client signed in as a new user with <paramref name="role"/>.</summary>
    public static async Task<HttpClient> SignedInAsAsync(ControlPlaneProcess controlPlane, string role)
    {
        var user = await SecurityCalls.CreateUserAsync(controlPlane, role);
        var token = (await SecurityCalls.SignInAsync(controlPlane.Http, user.UserName, user.Password)).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = controlPlane.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
