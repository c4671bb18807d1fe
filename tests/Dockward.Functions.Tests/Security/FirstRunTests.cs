using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed partial class FirstRunTests(Servers servers)
{
    [Fact]
    public async Task Without_an_admin_password_the_log_holds_a_setup_token_that_creates_the_first_admin_exactly_once()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, env => env.Remove("DOCKWARD_SECURITY__ADMINPASSWORD"));
        string? setupToken = null;
        await Wait.UntilAsync("the setup token in the log", TimeSpan.FromSeconds(30), () =>
        {
            setupToken = SetupToken().Match(controlPlane.Output) is { Success: true } match ? match.Value : null;
            return Task.FromResult(setupToken is not null);
        }, () => controlPlane.Output);
        const string password = "amber willow kettle 93";

        using var wrong = await SetupAsync(controlPlane, "dws_not-the-setup-token", "first-admin", password);
        using var right = await SetupAsync(controlPlane, setupToken!, "first-admin", password);
        var accessToken = await TestSecurity.SignInAsync(controlPlane.Http, "first-admin", password);
        using var second = await SetupAsync(controlPlane, setupToken!, "second-admin", password);

        await ProblemJson.ReadAsync(wrong, HttpStatusCode.Unauthorized);
        right.StatusCode.ShouldBe(HttpStatusCode.Created, await right.Content.ReadAsStringAsync());
        using var me = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", accessToken);
        (await me.Content.ReadAsStringAsync()).ShouldContain("\"role\":\"admin\"");
        await ProblemJson.ReadAsync(second, HttpStatusCode.Conflict);
    }

    private static Task<HttpResponseMessage> SetupAsync(ControlPlaneProcess controlPlane, string setupToken, string userName, string password) =>
        controlPlane.Http.PostAsJsonAsync(new Uri("/api/auth/setup", UriKind.Relative), new { setupToken, userName, password });

    [GeneratedRegex("dws_[A-Za-z0-9_-]+")]
    private static partial Regex SetupToken();
}
