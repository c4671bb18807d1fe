using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Updates;
using Dockward.Testing;
using Microsoft.Extensions.Options;
using static Dockward.Functions.Tests.Policies.PolicyCalls;

namespace Dockward.Functions.Tests.Updates;

/// <summary>Approvals, cancellations, waiting updates, history paging and bulk "update now" through the API.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class UpdateDecisionApiTests(Servers servers)
{
    private static readonly string Target = "sha256:" + new string('d', 64);

    [Fact]
    public async Task An_update_awaiting_approval_is_approved_once_and_a_second_decision_is_a_conflict()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var store = Jobs(controlPlane);
        var waiting = await store.AddAsync(Job("agent-a", "web", JobState.AwaitingApproval) with { ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) }, CancellationToken.None);

        var listed = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/updates/waiting?state=awaiting_approval", UriKind.Relative));
        listed.EnumerateArray().Select(j => j.GetProperty("id").GetString()).ShouldBe([waiting.Id]);

        using var approved = await controlPlane.Admin.PostAsync(new Uri($"/api/jobs/{waiting.Id}/approve", UriKind.Relative), null);
        (await ReadOkAsync(approved)).GetProperty("state").GetString().ShouldBe("pending");

        using var again = await controlPlane.Admin.PostAsync(new Uri($"/api/jobs/{waiting.Id}/reject", UriKind.Relative), null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("only an update awaiting approval can be rejected");
        (await store.GetAsync(waiting.Id, CancellationToken.None))!.State.ShouldBe(JobState.Pending, "the refused decision changed nothing");

        using var unknown = await controlPlane.Admin.PostAsync(new Uri("/api/jobs/no-such-job/approve", UriKind.Relative), null);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rejection_keeps_its_reason_and_a_scheduled_update_can_be_cancelled_but_a_running_one_cannot()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var store = Jobs(controlPlane);
        var waiting = await store.AddAsync(Job("agent-a", "web", JobState.AwaitingApproval), CancellationToken.None);
        var scheduled = await store.AddAsync(Job("agent-a", "db", JobState.Scheduled) with { NotBefore = DateTimeOffset.UtcNow.AddHours(3) }, CancellationToken.None);
        var running = await store.AddAsync(Job("agent-a", "cache", JobState.Running), CancellationToken.None);

        using var rejected = await controlPlane.Admin.PostAsync(new Uri($"/api/jobs/{waiting.Id}/reject", UriKind.Relative), Json("""{"reason":"breaks logins"}"""));
        var body = await ReadOkAsync(rejected);
        body.GetProperty("state").GetString().ShouldBe("rejected");
        body.GetProperty("reason").GetString().ShouldBe("rejected by user:admin: breaks logins");

        using var cancelled = await controlPlane.Admin.PostAsync(new Uri($"/api/jobs/{scheduled.Id}/cancel", UriKind.Relative), null);
        (await ReadOkAsync(cancelled)).GetProperty("state").GetString().ShouldBe("cancelled");
        using var refused = await controlPlane.Admin.PostAsync(new Uri($"/api/jobs/{running.Id}/cancel", UriKind.Relative), null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var badBody = await controlPlane.Admin.PostAsync(new Uri($"/api/jobs/{waiting.Id}/reject", UriKind.Relative), Json("""{"reasn":"typo"}"""));
        badBody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Job_history_filters_by_state_and_container_and_pages_newest_first()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var store = Jobs(controlPlane);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(Job("agent-a", "web", JobState.Succeeded, start.AddMinutes(i)), CancellationToken.None);
        }

        await store.AddAsync(Job("agent-a", "db", JobState.RolledBack, start), CancellationToken.None);

        var page = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/jobs?agentId=agent-a&container=web&state=succeeded&page=2&pageSize=2", UriKind.Relative));
        page.GetProperty("total").GetInt32().ShouldBe(5);
        page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("createdAt").GetDateTimeOffset())
            .ShouldBe([start.AddMinutes(2), start.AddMinutes(1)]);
        var failures = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/jobs?state=rolled_back,failed", UriKind.Relative));
        failures.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("containerName").GetString().ShouldBe("db");

        foreach (var bad in new[] { "state=exploded", "pageSize=5000", "page=0", "from=yesterday", "container=web" })
        {
            using var response = await controlPlane.Admin.GetAsync(new Uri($"/api/jobs?{bad}", UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task A_bulk_update_reports_per_container_and_a_bad_selection_is_refused_whole()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agentId = await ReportContainerAsync(controlPlane, "web", []);

        using var response = await controlPlane.Admin.PostAsJsonAsync(new Uri("/api/updates", UriKind.Relative),
            new { containers = new[] { new { agentId, name = "web" }, new { agentId, name = "ghost" } } });
        response.StatusCode.ShouldBe((HttpStatusCode)207);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        results[0].GetProperty("problem").GetString().ShouldBe("registry_error", "registry.example cannot be reached from here");
        results[1].GetProperty("problem").GetString().ShouldBe("not_found");

        foreach (var bad in new[] { """{"containers":[]}""", """{"containers":[{"agentId":"a"}]}""", """{"containers":[{"agentId":"a","name":"w"},{"agentId":"a","name":"w"}]}""", """{"container":[]}""" })
        {
            using var refused = await controlPlane.Admin.PostAsync(new Uri("/api/updates", UriKind.Relative), Json(bad));
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task The_plan_of_an_unknown_container_is_404_and_a_viewer_cannot_approve()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var store = Jobs(controlPlane);
        var waiting = await store.AddAsync(Job("agent-a", "web", JobState.AwaitingApproval), CancellationToken.None);
        using var viewer = await SignedInAsAsync(controlPlane, "viewer");

        using var plan = await controlPlane.Admin.GetAsync(new Uri("/api/containers/agent-a/ghost/plan", UriKind.Relative));
        plan.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var approve = await viewer.PostAsync(new Uri($"/api/jobs/{waiting.Id}/approve", UriKind.Relative), null);
        approve.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await store.GetAsync(waiting.Id, CancellationToken.None))!.State.ShouldBe(JobState.AwaitingApproval);
    }

    private static TableUpdateJobStore Jobs(ControlPlaneProcess controlPlane) =>
        new(new TableStorage(Options.Create(new StorageOptions { ConnectionString = controlPlane.ConnectionString, TablePrefix = controlPlane.TablePrefix })));

    private static UpdateJob Job(string agentId, string container, JobState state, DateTimeOffset? created = null)
    {
        var at = created ?? DateTimeOffset.UtcNow;
        return new UpdateJob(UpdateJob.NewId(at), agentId, container, $"registry.example/{container}:1.0", Target, null, state, Triggers.Timer, null, null, [], at, at);
    }
}
