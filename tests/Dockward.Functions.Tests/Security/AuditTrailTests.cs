using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

/// <summary>Every change made through the API is in the audit log: who, what, which target, from where, how it ended.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class AuditTrailTests(Servers servers)
{
    [Fact]
    public async Task Each_user_token_agent_registry_and_check_change_is_audited_with_actor_target_address_and_result()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var admin = controlPlane.Admin;
        var user = await SecurityCalls.CreateUserAsync(controlPlane, "viewer");
        (await admin.PatchAsJsonAsync(Relative($"/api/users/{user.Id}"), new { role = "operator" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(Relative($"/api/users/{user.Id}/password"), new { newPassword = "amber orchard signal 93" })).EnsureSuccessStatusCode();
        (await admin.PostAsync(Relative($"/api/users/{user.Id}/unlock"), null)).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync(Relative($"/api/users/{user.Id}"), new { disabled = true })).EnsureSuccessStatusCode();
        var created = await (await admin.PostAsJsonAsync(Relative("/api/tokens"), new { name = "ci", role = "viewer" })).Content.ReadFromJsonAsync<JsonElement>();
        var tokenId = created.GetProperty("details").GetProperty("id").GetString();
        (await admin.DeleteAsync(Relative($"/api/tokens/{tokenId}"))).EnsureSuccessStatusCode();
        var agent = await controlPlane.EnrolAgentAsync();
        (await admin.PostAsync(Relative($"/api/agents/{agent.AgentId}/revoke"), null)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync(Relative("/api/registries/ghcr.io"), new { userName = "robot", password = "first-secret" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync(Relative("/api/registries/ghcr.io"), new { userName = "robot", password = "second-secret" })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync(Relative("/api/registries/ghcr.io"))).EnsureSuccessStatusCode();
        (await admin.PostAsync(Relative("/api/checks"), null)).EnsureSuccessStatusCode();

        var log = await SecurityCalls.AuditAsync(controlPlane, "limit=1000");

        (string Action, string Target)[] expected =
        [
            ("user.create", user.UserName),
            ("user.update", user.UserName),
            ("user.password", user.UserName),
            ("user.unlock", user.UserName),
            ("user.disable", user.UserName),
            ("token.create", $"{tokenId} (admin)"),
            ("token.revoke", tokenId!),
            ("agent.revoke", agent.AgentId),
            ("registry.create", "ghcr.io"),
            ("registry.update", "ghcr.io"),
            ("registry.delete", "ghcr.io"),
            ("check.run", "all images"),
        ];
        foreach (var (action, target) in expected)
        {
            var entry = log.FirstOrDefault(e => e.GetProperty("action").GetString() == action);
            entry.ValueKind.ShouldBe(JsonValueKind.Object, $"no {action} entry in {JsonSerializer.Serialize(log)}");
            entry.GetProperty("actor").GetString().ShouldBe("user:admin", action);
            entry.GetProperty("target").GetString()!.ShouldStartWith(target, Case.Sensitive, action);
            entry.GetProperty("address").GetString().ShouldBe("127.0.0.1", action);
            entry.GetProperty("result").GetString().ShouldBe("success", action);
        }

        log.ShouldContain(e => e.GetProperty("action").GetString() == "agent.enrolment_token.create");
        log.ShouldContain(e => e.GetProperty("action").GetString() == "agent.enrol" && e.GetProperty("actor").GetString() == $"agent:{agent.AgentId}");
        string.Join("\n", log.Select(e => e.GetRawText())).ShouldNotContain("secret");
    }

    [Fact]
    public async Task A_refused_enrolment_is_audited_as_denied_without_the_token()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var refused = await controlPlane.Http.PostAsJsonAsync(Relative("/api/agents/enrol"), new EnrolRequest("dwe_not-a-token", "host-x", "0.1.0", "27.0.0"));

        var entry = (await SecurityCalls.AuditAsync(controlPlane, "action=agent.enrol")).ShouldHaveSingleItem();
        entry.GetProperty("result").GetString().ShouldBe("denied");
        entry.GetProperty("actor").GetString().ShouldBe("anonymous");
        entry.GetProperty("target").GetString().ShouldBe("host-x");
        entry.GetRawText().ShouldNotContain("dwe_not-a-token");
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}
