using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;
using static Dockward.Functions.Tests.Policies.PolicyCalls;

namespace Dockward.Functions.Tests.Policies;

/// <summary>Policies set, read and removed through the API: validated, versioned, audited, for the roles allowed to.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class PolicyApiTests(Servers servers)
{
    [Fact]
    public async Task Global_group_and_container_policies_are_set_read_listed_and_deleted_with_an_audit_entry_each()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agentId = await ReportContainerAsync(controlPlane, "web", []);
        var admin = controlPlane.Admin;

        using var global = await PutAsync(admin, "/api/policies/global", new { settings = new { mode = "manual", approvalExpiry = "3d" } });
        using var group = await PutAsync(admin, "/api/policies/groups/shop", new { settings = new { windows = new[] { new { cron = "0 2 * * 1-5", length = "2h", timeZone = "Asia/Shanghai" } }, mode = "scheduled" }, locked = true });
        using var container = await PutAsync(admin, $"/api/policies/containers/{agentId}/web", new { settings = new { checkInterval = "90s", skip = new[] { "1.4.2" } } });

        (await ReadOkAsync(global)).GetProperty("settings").GetProperty("approvalExpiry").GetString().ShouldBe("3d");
        var stored = await ReadOkAsync(group);
        stored.GetProperty("locked").GetBoolean().ShouldBeTrue();
        stored.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        stored.GetProperty("settings").GetProperty("windows")[0].GetProperty("timeZone").GetString().ShouldBe("Asia/Shanghai");
        (await ReadOkAsync(container)).GetProperty("settings").GetProperty("checkInterval").GetString().ShouldBe("1m30s");

        var read = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/policies/containers/{agentId}/web", UriKind.Relative));
        read.GetProperty("settings").GetProperty("skip")[0].GetString().ShouldBe("1.4.2");
        read.GetProperty("settings").TryGetProperty("mode", out _).ShouldBeFalse("unset settings are left out");
        var listed = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/policies", UriKind.Relative));
        listed.EnumerateArray().Select(p => $"{p.GetProperty("scope").GetString()}:{p.GetProperty("key").GetString()}")
            .ShouldBe(["global:", "group:shop", $"container:{agentId}/web"]);

        using var deleted = await admin.DeleteAsync(new Uri("/api/policies/groups/shop", UriKind.Relative));
        using var again = await admin.GetAsync(new Uri("/api/policies/groups/shop", UriKind.Relative));
        using var deletedTwice = await admin.DeleteAsync(new Uri("/api/policies/groups/shop", UriKind.Relative));

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemJson.ReadAsync(again, HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(deletedTwice, HttpStatusCode.NotFound);
        (await SecurityCalls.AuditAsync(controlPlane, "action=policy.set")).Select(e => e.GetProperty("target").GetString())
            .ShouldBe(["global", "group shop", $"container {agentId}/web"], ignoreOrder: true);
        (await SecurityCalls.AuditAsync(controlPlane, "action=policy.delete")).ShouldHaveSingleItem().GetProperty("target").GetString().ShouldBe("group shop");
    }

    [Fact]
    public async Task A_policy_out_of_its_limits_is_refused_with_422_naming_each_setting_and_nothing_is_stored()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await PutAsync(controlPlane.Admin, "/api/policies/global",
            new { settings = new { checkInterval = "30s", canaryPercent = 150, mode = "scheduled", pin = "-x" } });

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["checkInterval", "canaryPercent", "pin", "windows"], ignoreOrder: true);
        errors.GetProperty("checkInterval")[0].GetString().ShouldNotBeNull().ShouldContain("between 1m and 1d");
        errors.GetProperty("windows")[0].GetString().ShouldNotBeNull().ShouldContain("mode scheduled needs at least one maintenance window");
        await ProblemJson.ReadAsync(await controlPlane.Admin.GetAsync(new Uri("/api/policies/global", UriKind.Relative)), HttpStatusCode.NotFound);
        (await SecurityCalls.AuditAsync(controlPlane, "action=policy.set")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_value_a_setting_cannot_take_is_refused_with_422_naming_the_setting()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        foreach (var (body, setting, says) in new[]
        {
            ("""{"settings":{"minimumAge":"soon"}}""", "minimumAge", "not a duration"),
            ("""{"settings":{"mode":"sideways"}}""", "mode", "one of auto, scheduled, manual, monitor"),
            ("""{"settings":{"windows":[{"cron":"0 25 * * *","length":"2h"}]}}""", "windows", "0 25 * * *"),
            ("""{"settings":{"windows":[{"cron":"0 2 * * *","length":"2h","timeZone":"Mars/Olympus"}]}}""", "windows", "Mars/Olympus"),
            ("""{"settings":{"canaryCount":"two"}}""", "canaryCount", "a whole number"),
        })
        {
            using var response = await controlPlane.Admin.PutAsync(new Uri("/api/policies/global", UriKind.Relative), Json(body));

            var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("errors").GetProperty(setting)[0].GetString().ShouldNotBeNull().ShouldContain(says, Case.Sensitive, body);
        }

        (await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/policies", UriKind.Relative))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_property_is_refused_with_400_naming_it_instead_of_being_dropped()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var typoInSettings = await controlPlane.Admin.PutAsync(new Uri("/api/policies/global", UriKind.Relative), Json("""{"settings":{"intervall":"5m"}}"""));
        using var typoAtTop = await controlPlane.Admin.PutAsync(new Uri("/api/policies/global", UriKind.Relative), Json("""{"settings":{},"lock":true}"""));
        using var notJson = await controlPlane.Admin.PutAsync(new Uri("/api/policies/global", UriKind.Relative), Json("""{"settings":"""));

        (await ProblemJson.ReadAsync(typoInSettings, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("'intervall' is not a policy setting");
        (await ProblemJson.ReadAsync(typoAtTop, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("'lock'");
        await ProblemJson.ReadAsync(notJson, HttpStatusCode.BadRequest);
        (await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/policies", UriKind.Relative))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_refused_with_409()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var admin = controlPlane.Admin;
        var first = (await ReadOkAsync(await PutAsync(admin, "/api/policies/groups/web", new { settings = new { mode = "auto" } }))).GetProperty("version").GetString();
        var second = (await ReadOkAsync(await PutAsync(admin, "/api/policies/groups/web", new { settings = new { mode = "manual" }, version = first }))).GetProperty("version").GetString();

        using var stale = await PutAsync(admin, "/api/policies/groups/web", new { settings = new { mode = "monitor" }, version = first });
        using var blind = await PutAsync(admin, "/api/policies/groups/web", new { settings = new { mode = "monitor" } });
        using var staleDelete = await admin.DeleteAsync(new Uri($"/api/policies/groups/web?version={Uri.EscapeDataString(first!)}", UriKind.Relative));

        await ProblemJson.ReadAsync(stale, HttpStatusCode.Conflict);
        await ProblemJson.ReadAsync(blind, HttpStatusCode.Conflict);
        await ProblemJson.ReadAsync(staleDelete, HttpStatusCode.Conflict);
        var current = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/policies/groups/web", UriKind.Relative));
        current.GetProperty("settings").GetProperty("mode").GetString().ShouldBe("manual");
        current.GetProperty("version").GetString().ShouldBe(second);
    }

    [Fact]
    public async Task Validate_answers_valid_or_422_with_errors_and_stores_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var viewer = await SignedInAsAsync(controlPlane, "viewer");

        using var good = await viewer.PostAsync(new Uri("/api/policies/validate", UriKind.Relative), Json("""{"mode":"scheduled","windows":[{"cron":"0 2 * * *","length":"2h"}],"checkInterval":"5m"}"""));
        using var bad = await viewer.PostAsync(new Uri("/api/policies/validate", UriKind.Relative), Json("""{"checkInterval":"10s","tagInclude":"([unclosed"}"""));
        using var typo = await viewer.PostAsync(new Uri("/api/policies/validate", UriKind.Relative), Json("""{"checkIntervall":"10m"}"""));

        (await ReadOkAsync(good)).GetProperty("valid").GetBoolean().ShouldBeTrue();
        var errors = (await ProblemJson.ReadAsync(bad, HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["checkInterval", "tagInclude"], ignoreOrder: true);
        await ProblemJson.ReadAsync(typo, HttpStatusCode.BadRequest);
        (await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/policies", UriKind.Relative))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_viewer_reads_policies_but_cannot_set_or_delete_them_and_an_operator_can()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var viewer = await SignedInAsAsync(controlPlane, "viewer");
        using var @operator = await SignedInAsAsync(controlPlane, "operator");

        using var viewerSets = await PutAsync(viewer, "/api/policies/global", new { settings = new { mode = "auto" } });
        using var operatorSets = await PutAsync(@operator, "/api/policies/global", new { settings = new { mode = "auto" } });
        using var viewerReads = await viewer.GetAsync(new Uri("/api/policies/global", UriKind.Relative));
        using var viewerLists = await viewer.GetAsync(new Uri("/api/policies", UriKind.Relative));
        using var viewerDeletes = await viewer.DeleteAsync(new Uri("/api/policies/global", UriKind.Relative));
        using var operatorDeletes = await @operator.DeleteAsync(new Uri("/api/policies/global", UriKind.Relative));

        viewerSets.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReadOkAsync(operatorSets)).GetProperty("updatedBy").GetString().ShouldNotBeNull().ShouldStartWith("user:operator-");
        viewerReads.StatusCode.ShouldBe(HttpStatusCode.OK);
        viewerLists.StatusCode.ShouldBe(HttpStatusCode.OK);
        viewerDeletes.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        operatorDeletes.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_container_policy_for_a_container_not_in_the_inventory_is_404()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agentId = await ReportContainerAsync(controlPlane, "web", []);

        using var set = await PutAsync(controlPlane.Admin, $"/api/policies/containers/{agentId}/ghost", new { settings = new { mode = "auto" } });
        using var effective = await controlPlane.Admin.GetAsync(new Uri($"/api/containers/{agentId}/ghost/policy", UriKind.Relative));

        await ProblemJson.ReadAsync(set, HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(effective, HttpStatusCode.NotFound);
        (await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/policies", UriKind.Relative))).GetArrayLength().ShouldBe(0);
    }
}
