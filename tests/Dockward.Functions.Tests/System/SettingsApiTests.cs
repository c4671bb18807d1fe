using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Functions.Tests.Policies;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Tests.SystemApi;

/// <summary><c>GET/PUT /api/settings</c>: defaults, versions, validation, roles, audit, and a changed retention applied.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class SettingsApiTests(Servers servers)
{
    [Fact]
    public async Task Before_any_are_saved_the_settings_are_the_configured_values_without_a_version()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment =>
        {
            environment["DOCKWARD_DETECTION__CHECKINTERVALSECONDS"] = "600";
            environment["DOCKWARD_EVENTS__RETENTIONMINUTES"] = "45";
        });
        using var viewer = await PolicyCalls.SignedInAsAsync(controlPlane, "viewer");

        var settings = await PolicyCalls.ReadOkAsync(await viewer.GetAsync(new Uri("/api/settings", UriKind.Relative)));

        settings.GetProperty("checkInterval").GetString().ShouldBe("10m");
        settings.GetProperty("historyRetentionDays").GetInt32().ShouldBe(30);
        settings.GetProperty("auditRetentionDays").GetInt32().ShouldBe(90);
        settings.GetProperty("eventRetentionMinutes").GetInt32().ShouldBe(45);
        settings.GetProperty("statsRetentionHours").GetInt32().ShouldBe(24);
        settings.GetProperty("version").ValueKind.ShouldBe(JsonValueKind.Null);
        settings.GetProperty("globalPolicy").GetString().ShouldBe("/api/policies/global");
    }

    [Fact]
    public async Task An_admin_changes_some_settings_the_rest_keep_their_value_and_the_change_is_audited()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        var saved = await PolicyCalls.ReadOkAsync(await PutAsync(controlPlane.Admin, new { checkInterval = "1h30m", auditRetentionDays = 120 }));
        var read = await PolicyCalls.ReadOkAsync(await controlPlane.Admin.GetAsync(new Uri("/api/settings", UriKind.Relative)));

        saved.GetProperty("checkInterval").GetString().ShouldBe("1h30m");
        saved.GetProperty("auditRetentionDays").GetInt32().ShouldBe(120);
        saved.GetProperty("historyRetentionDays").GetInt32().ShouldBe(30);
        saved.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        read.ToString().ShouldBe(saved.ToString());
        var audit = await SecurityCalls.AuditAsync(controlPlane, "action=settings.update");
        audit.ShouldHaveSingleItem().GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("auditRetentionDays 120");
    }

    [Fact]
    public async Task A_change_sent_with_a_stale_or_missing_version_is_refused_with_409_and_changes_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var first = await PolicyCalls.ReadOkAsync(await PutAsync(controlPlane.Admin, new { historyRetentionDays = 40 }));
        var second = await PolicyCalls.ReadOkAsync(await PutAsync(controlPlane.Admin, new { historyRetentionDays = 50, version = first.GetProperty("version").GetString() }));

        using var stale = await PutAsync(controlPlane.Admin, new { historyRetentionDays = 60, version = first.GetProperty("version").GetString() });
        using var missing = await PutAsync(controlPlane.Admin, new { historyRetentionDays = 70 });

        await ProblemJson.ReadAsync(stale, HttpStatusCode.Conflict);
        await ProblemJson.ReadAsync(missing, HttpStatusCode.Conflict);
        var read = await PolicyCalls.ReadOkAsync(await controlPlane.Admin.GetAsync(new Uri("/api/settings", UriKind.Relative)));
        read.GetProperty("historyRetentionDays").GetInt32().ShouldBe(50);
        read.GetProperty("version").GetString().ShouldBe(second.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Settings_out_of_their_limits_are_refused_with_422_naming_each_and_nothing_is_stored()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await PutAsync(controlPlane.Admin, new
        {
            checkInterval = "30s", historyRetentionDays = 7, auditRetentionDays = 29, eventRetentionMinutes = 2000, statsRetentionHours = 0,
        });

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["auditRetentionDays", "checkInterval", "eventRetentionMinutes", "historyRetentionDays", "statsRetentionHours"]);
        var read = await PolicyCalls.ReadOkAsync(await controlPlane.Admin.GetAsync(new Uri("/api/settings", UriKind.Relative)));
        read.GetProperty("version").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("""{"checkInterval": "soon"}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"historyRetentionDays": "many"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"colour": "blue"}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1, 2]""", HttpStatusCode.BadRequest)]
    public async Task A_body_that_is_not_settings_is_refused_with_a_problem_and_nothing_is_stored(string body, HttpStatusCode status)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Admin.PutAsync(new Uri("/api/settings", UriKind.Relative), PolicyCalls.Json(body));

        await ProblemJson.ReadAsync(response, status);
        (await PolicyCalls.ReadOkAsync(await controlPlane.Admin.GetAsync(new Uri("/api/settings", UriKind.Relative))))
            .GetProperty("version").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task Only_an_admin_may_change_settings(string role)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var client = await PolicyCalls.SignedInAsAsync(controlPlane, role);

        using var response = await PutAsync(client, new { historyRetentionDays = 40 });

        await ProblemJson.ReadAsync(response, HttpStatusCode.Forbidden);
        (await PolicyCalls.ReadOkAsync(await client.GetAsync(new Uri("/api/settings", UriKind.Relative))))
            .GetProperty("historyRetentionDays").GetInt32().ShouldBe(30);
    }

    [Fact]
    public async Task A_shortened_audit_retention_is_applied_by_the_next_PruneSecurityRecords_run()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_TIMERS__PRUNESECURITYRECORDS"] = "*/2 * * * * *");
        var audit = new TableAuditLog(new TableStorage(Options.Create(new StorageOptions { ConnectionString = controlPlane.ConnectionString, TablePrefix = controlPlane.TablePrefix })));
        var old = new AuditEntry(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddDays(-45), "system", "test.entry", "forty-five-days-old", null, AuditResult.Success, null);
        await audit.WriteAsync(old, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(5));
        (await TargetsAsync(audit)).ShouldContain("forty-five-days-old", "kept under the default 90 days");

        (await PutAsync(controlPlane.Admin, new { auditRetentionDays = 30 })).EnsureSuccessStatusCode();

        await Wait.UntilAsync("the 45-day-old entry to be pruned", TimeSpan.FromSeconds(30),
            async () => !(await TargetsAsync(audit)).Contains("forty-five-days-old"), () => controlPlane.Output);
    }

    private static async Task<List<string?>> TargetsAsync(TableAuditLog audit) =>
        [.. (await audit.QueryAsync(new AuditQuery(), CancellationToken.None)).Select(e => e.Target)];

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, object body) =>
        client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), body);
}
