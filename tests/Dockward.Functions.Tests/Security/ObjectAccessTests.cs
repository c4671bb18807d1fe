using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

/// <summary>Users reach only what they own: their own API tokens; another user's are not even found.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class ObjectAccessTests(Servers servers)
{
    [Fact]
    public async Task A_user_neither_lists_nor_revokes_another_users_api_token_but_an_admin_may()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var created = await controlPlane.Admin.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name = "admin-ci", role = "admin" });
        var adminTokenId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details").GetProperty("id").GetString()!;
        var viewer = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        var viewerToken = (await SecurityCalls.SignInAsync(controlPlane.Http, viewer.UserName, viewer.Password)).GetProperty("accessToken").GetString();

        using var own = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/tokens", viewerToken);
        using var everyone = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/tokens?all=true", viewerToken);
        using var revoke = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Delete, $"/api/tokens/{adminTokenId}", viewerToken);

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).ShouldNotContain(adminTokenId);
        everyone.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ProblemJson.ReadAsync(revoke, HttpStatusCode.NotFound);
        var listed = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/tokens", UriKind.Relative));
        listed.EnumerateArray().Single(t => t.GetProperty("id").GetString() == adminTokenId).GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_demoted_nor_disabled()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var me = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/auth/me", UriKind.Relative));
        var adminId = me.GetProperty("user").GetProperty("id").GetString();

        using var demote = await controlPlane.Admin.PatchAsJsonAsync(new Uri($"/api/users/{adminId}", UriKind.Relative), new { role = "viewer" });
        using var disable = await controlPlane.Admin.PatchAsJsonAsync(new Uri($"/api/users/{adminId}", UriKind.Relative), new { disabled = true });

        (await ProblemJson.ReadAsync(demote, HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("last enabled admin");
        await ProblemJson.ReadAsync(disable, HttpStatusCode.Conflict);
        (await controlPlane.Admin.GetAsync(new Uri("/api/users", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
