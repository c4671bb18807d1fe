using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dockward.Testing;

/// <summary>
/// The security settings every test control plane starts with, and the calls tests make to sign in and to let an
/// agent enrol: the same public API a user and an admin use.
/// </summary>
public static class TestSecurity
{
    /// <summary>A fixed master key for test instances (32 bytes, base64); never a production value.</summary>
    public const string MasterKey = "7t3nQm4xv0bK9sWq2cLr8yJd5fHg1aZe6uPo3iTkMnY=";

    public const string AdminUserName = "admin";

    /// <summary>Passes the password policy (length, not common, not the user name).</summary>
    public const string AdminPassword = "violet harbour lantern 42";

    /// <summary>The environment that gives a control plane its master key and first admin.</summary>
    public static void AddTo(IDictionary<string, string?> environment)
    {
        environment["DOCKWARD_SECURITY__MASTERKEY"] = MasterKey;
        environment["DOCKWARD_SECURITY__ADMINPASSWORD"] = AdminPassword;
    }

    /// <summary>Signs in through <c>POST /api/auth/token</c> and returns the access token, retrying while the first admin is being created.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string userName = AdminUserName, string password = AdminPassword)
    {
        string? token = null;
        await Wait.UntilAsync($"{userName} to sign in", TimeSpan.FromSeconds(30), async () =>
        {
            using var response = await http.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName, password });
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            return true;
        });
        return token!;
    }

    /// <summary>A client for <paramref name="baseAddress"/> that sends <paramref name="accessToken"/> as its bearer token.</summary>
    public static HttpClient ClientWith(Uri baseAddress, string accessToken)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A one-time agent enrolment token, created by an admin client.</summary>
    public static async Task<string> CreateEnrolmentTokenAsync(HttpClient admin)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/api/agents/enrolment-tokens", UriKind.Relative), new { ttlMinutes = 30 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
