using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

/// <summary>The public API calls the security tests make: users, tokens, audit queries.</summary>
internal static class SecurityCalls
{
    /// <summary>Passes the password policy; the same for every test user.</summary>
    public const string UserPassword = "quiet meadow compass 77";

    public sealed record TestUser(string Id, string UserName, string Password);

    /// <summary>An admin creates a user with <paramref name="role"/>.</summary>
    public static async Task<TestUser> CreateUserAsync(ControlPlaneProcess controlPlane, string role)
    {
        var userName = Servers.UniqueName(role + "-");
        using var response = await controlPlane.Admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative), new { userName, password = UserPassword, role });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return new TestUser(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, userName, UserPassword);
    }

    /// <summary><c>POST /api/auth/token</c> once, without retrying.</summary>
    public static Task<HttpResponseMessage> TokenAsync(HttpClient http, string userName, string password) =>
        http.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName, password });

    /// <summary>Signs in through <c>POST /api/auth/token</c> and returns its body (accessToken, refreshToken, …).</summary>
    public static async Task<JsonElement> SignInAsync(HttpClient http, string userName, string password)
    {
        using var response = await TokenAsync(http, userName, password);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> SendAsync(ControlPlaneProcess controlPlane, HttpMethod method, string path, string? credential, object? json = null)
    {
        using var request = ControlPlaneProcess.Request(method, path, credential, json is null ? null : JsonContent.Create(json));
        return await controlPlane.Http.SendAsync(request);
    }

    /// <summary>The audit log as an admin reads it, filtered by <paramref name="query"/> (e.g. <c>action=auth.login</c>).</summary>
    public static async Task<List<JsonElement>> AuditAsync(ControlPlaneProcess controlPlane, string query)
    {
        using var response = await controlPlane.Admin.GetAsync(new Uri("/api/audit?" + query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string RandomHex() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
}
