using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class SessionTests(Servers servers)
{
    [Fact]
    public async Task A_refresh_rotates_the_refresh_token_and_the_old_one_is_then_refused()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var first = (await SecurityCalls.SignInAsync(controlPlane.Http, TestSecurity.AdminUserName, TestSecurity.AdminPassword)).GetProperty("refreshToken").GetString()!;

        using var refreshed = await RefreshAsync(controlPlane, first);
        var body = await refreshed.Content.ReadAsStringAsync();
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var next = JsonDocument.Parse(body).RootElement;
        next.GetProperty("refreshToken").GetString().ShouldNotBe(first);
        using var me = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", next.GetProperty("accessToken").GetString());
        me.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var again = await RefreshAsync(controlPlane, first);
        await ProblemJson.ReadAsync(again, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reusing_an_old_refresh_token_revokes_the_whole_family_and_is_audited()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var first = (await SecurityCalls.SignInAsync(controlPlane.Http, TestSecurity.AdminUserName, TestSecurity.AdminPassword)).GetProperty("refreshToken").GetString()!;
        using var rotated = await RefreshAsync(controlPlane, first);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newest = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()!;

        using var reused = await RefreshAsync(controlPlane, first);
        using var newestAfterReuse = await RefreshAsync(controlPlane, newest);

        reused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        newestAfterReuse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SecurityCalls.AuditAsync(controlPlane, "action=auth.refresh_reuse")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task After_logout_the_sessions_access_token_is_refused_at_once()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var access = (await SecurityCalls.SignInAsync(controlPlane.Http, TestSecurity.AdminUserName, TestSecurity.AdminPassword)).GetProperty("accessToken").GetString()!;
        using (var before = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", access))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var logout = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, "/api/auth/logout", access);
        using var after = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", access);

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sessions_within_seconds()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        var access = await TestSecurity.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password);
        using (var before = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", access))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var disable = await controlPlane.Admin.PatchAsJsonAsync(new Uri($"/api/users/{viewer.Id}", UriKind.Relative), new { disabled = true });
        disable.StatusCode.ShouldBe(HttpStatusCode.OK, await disable.Content.ReadAsStringAsync());

        await Wait.UntilAsync("the disabled user's access token to be refused", TimeSpan.FromSeconds(10), async () =>
        {
            using var me = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", access);
            return me.StatusCode == HttpStatusCode.Unauthorized;
        });
    }

    [Fact]
    public async Task An_api_token_with_a_role_above_its_owners_is_refused_with_403()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        using var client = TestSecurity.ClientWith(controlPlane.Http.BaseAddress!, await TestSecurity.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password));

        using var response = await client.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name = "too-strong", role = "operator" });

        await ProblemJson.ReadAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_api_token_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var (id, token) = await CreateApiTokenAsync(controlPlane.Admin, "to-revoke");
        using (var before = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", token))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var revoke = await controlPlane.Admin.DeleteAsync(new Uri($"/api/tokens/{id}", UriKind.Relative));
        revoke.IsSuccessStatusCode.ShouldBeTrue(await revoke.Content.ReadAsStringAsync());

        await Wait.UntilAsync("the revoked API token to be refused", TimeSpan.FromSeconds(10), async () =>
        {
            using var me = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", token);
            return me.StatusCode == HttpStatusCode.Unauthorized;
        });
    }

    [Fact]
    public async Task Api_tokens_are_listed_without_their_secret()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var (id, token) = await CreateApiTokenAsync(controlPlane.Admin, "listed");

        using var list = await controlPlane.Admin.GetAsync(new Uri("/api/tokens", UriKind.Relative));
        var body = await list.Content.ReadAsStringAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain(id);
        body.ShouldContain("listed");
        body.ShouldNotContain(token);
        body.ShouldNotContain(token.Split('_').Last());
        body.ShouldNotContain("hash", Case.Insensitive);
    }

    private static async Task<(string Id, string Token)> CreateApiTokenAsync(HttpClient client, string name)
    {
        using var created = await client.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name, role = "viewer" });
        var body = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("details").GetProperty("id").GetString()!, json.GetProperty("token").GetString()!);
    }

    private static Task<HttpResponseMessage> RefreshAsync(ControlPlaneProcess controlPlane, string refreshToken) =>
        controlPlane.Http.PostAsJsonAsync(new Uri("/api/auth/refresh", UriKind.Relative), new { refreshToken });
}
