using System.Net;
using System.Net.Http.Json;
using Dockward.Contracts;
using Dockward.Core.Events;
using Dockward.Core.Security;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Updates;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Tests.Events;

/// <summary><c>GET /api/events</c> against the built control plane: live events, resume, several instances, roles, bad filters.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class EventStreamTests(Servers servers)
{
    [Fact]
    public async Task A_connected_client_receives_the_job_step_an_agent_reports_while_it_watches()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await controlPlane.EnrolAgentAsync();
        var job = await Storage(controlPlane).Jobs.AddAsync(RunningJob(agent.AgentId, "web"), CancellationToken.None);
        var viewer = await SignInAsAsync(controlPlane, "viewer");
        await using var stream = await EventStreamClient.ConnectAsync(controlPlane.Http.BaseAddress!, viewer, "?types=job.step");

        using var step = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/jobs/{job.Id}/steps", agent.Credential,
            JsonContent.Create(new JobStepReport("pull", StepStatus.Succeeded, "pulled in 2 s", DateTimeOffset.UtcNow, 1)));
        using (var reported = await controlPlane.Http.SendAsync(step))
        {
            reported.StatusCode.ShouldBe(HttpStatusCode.NoContent, await reported.Content.ReadAsStringAsync());
        }

        var received = await stream.NextAsync(e => e.Type == EventTypes.JobStep);
        received.Body.GetProperty("agentId").GetString().ShouldBe(agent.AgentId);
        received.Body.GetProperty("container").GetString().ShouldBe("web");
        received.Body.GetProperty("id").GetString().ShouldBe(received.Id);
        received.Data.GetProperty("jobId").GetString().ShouldBe(job.Id);
        received.Data.GetProperty("step").GetString().ShouldBe("pull");
        received.Data.GetProperty("status").GetString().ShouldBe("succeeded");
        received.Data.GetProperty("message").GetString().ShouldBe("pulled in 2 s");
    }

    [Fact]
    public async Task A_policy_change_made_through_one_instance_reaches_a_client_of_another_instance_on_the_same_store()
    {
        await using var first = await ControlPlaneProcess.StartAsync(servers);
        await using var second = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_STORAGE__TABLEPREFIX"] = first.TablePrefix);
        var group = Servers.UniqueName("g");
        await using var stream = await EventStreamClient.ConnectAsync(second.Http.BaseAddress!, await TestSecurity.SignInAsync(second.Http), "?types=policy.changed");

        using (var put = await first.Admin.PutAsJsonAsync(new Uri($"/api/policies/groups/{group}", UriKind.Relative), new { settings = new { mode = "manual" } }))
        {
            put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync());
        }

        var received = await stream.NextAsync(e => e.Type == EventTypes.PolicyChanged);
        received.Data.GetProperty("key").GetString().ShouldBe(group);
        received.Data.GetProperty("change").GetString().ShouldBe("set");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Resuming_with_the_last_event_id_sends_exactly_the_events_missed_in_order_then_the_live_ones(bool asHeader)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var admin = await TestSecurity.SignInAsync(controlPlane.Http);
        string lastSeen;
        await using (var before = await EventStreamClient.ConnectAsync(controlPlane.Http.BaseAddress!, admin, "?types=policy.changed"))
        {
            await SetGroupPolicyAsync(controlPlane, "seen");
            lastSeen = (await before.NextAsync(e => e.Type == EventTypes.PolicyChanged)).Id;
        }

        string[] missed = ["missed-1", "missed-2", "missed-3"];
        foreach (var name in missed)
        {
            await SetGroupPolicyAsync(controlPlane, name);
        }

        await using var resumed = asHeader
            ? await EventStreamClient.ConnectAsync(controlPlane.Http.BaseAddress!, admin, "?types=policy.changed", lastEventId: lastSeen)
            : await EventStreamClient.ConnectAsync(controlPlane.Http.BaseAddress!, admin, $"?types=policy.changed&lastEventId={lastSeen}");
        await SetGroupPolicyAsync(controlPlane, "live");
        var got = new List<EventStreamClient.ReceivedEvent>();
        await resumed.NextAsync(e =>
        {
            got.Add(e);
            return GroupOf(controlPlane, e) == "live";
        });
        // The feed re-reads a few seconds back: time for a duplicate to show up, if there were one.
        got.AddRange(await resumed.CollectAsync(TimeSpan.FromSeconds(3)));

        got.Select(e => GroupOf(controlPlane, e)).ShouldBe([.. missed, "live"]);
        got.Select(e => e.Id).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_viewer_never_gets_an_event_only_admins_may_see()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var viewer = await SignInAsAsync(controlPlane, "viewer");
        await using var asViewer = await EventStreamClient.ConnectAsync(controlPlane.Http.BaseAddress!, viewer);
        await using var asAdmin = await EventStreamClient.ConnectAsync(controlPlane.Http.BaseAddress!, await TestSecurity.SignInAsync(controlPlane.Http));

        using (var put = await controlPlane.Admin.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { eventRetentionMinutes = 30 }))
        {
            put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync());
        }

        await SetGroupPolicyAsync(controlPlane, "after-settings");

        (await asAdmin.NextAsync(e => e.Type == EventTypes.SettingsChanged)).Data.GetProperty("eventRetentionMinutes").GetInt32().ShouldBe(30);
        // The viewer's stream is past the settings change once the later policy change arrives.
        var viewerGot = new List<EventStreamClient.ReceivedEvent>();
        await asViewer.NextAsync(e =>
        {
            viewerGot.Add(e);
            return e.Type == EventTypes.PolicyChanged;
        });
        viewerGot.ShouldNotContain(e => e.Type == EventTypes.SettingsChanged);
    }

    [Theory]
    [InlineData("?types=job.step,no.such.type", "no.such.type")]
    [InlineData("?types=", "types")]
    [InlineData("?agentId=a%20b", "agentId")]
    [InlineData("?agentId=a&agentId=b", "agentId")]
    [InlineData("?lastEventId=yesterday", "not an event id")]
    public async Task A_bad_filter_or_resume_id_is_refused_with_400_problem_json_naming_it(string query, string named)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Admin.GetAsync(new Uri("/api/events" + query, UriKind.Relative));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(named);
    }

    [Fact]
    public async Task Events_older_than_a_shortened_retention_are_pruned_by_the_next_PruneEvents_run()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment => environment["DOCKWARD_TIMERS__PRUNEEVENTS"] = "*/2 * * * * *");
        var events = Storage(controlPlane).Events;
        var now = DateTimeOffset.UtcNow;
        var tenMinutesOld = new EventRecord(EventIds.New(now.AddMinutes(-10)), now.AddMinutes(-10), EventTypes.PolicyChanged, Role.Viewer, null, null, "{}");
        var fresh = new EventRecord(EventIds.New(now), now, EventTypes.PolicyChanged, Role.Viewer, null, null, "{}");
        await events.AppendAsync(tenMinutesOld, CancellationToken.None);
        await events.AppendAsync(fresh, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(5));
        (await StoredIdsAsync(events)).ShouldContain(tenMinutesOld.Id, "kept under the default 60 minutes");

        using (var put = await controlPlane.Admin.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { eventRetentionMinutes = 5 }))
        {
            put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync());
        }

        await Wait.UntilAsync("the old event to be pruned", TimeSpan.FromSeconds(30),
            async () => !(await StoredIdsAsync(events)).Contains(tenMinutesOld.Id), () => controlPlane.Output);
        (await StoredIdsAsync(events)).ShouldContain(fresh.Id);
    }

    private static string GroupOf(ControlPlaneProcess controlPlane, EventStreamClient.ReceivedEvent e) =>
        e.Data.GetProperty("key").GetString()![(controlPlane.TablePrefix.Length + 1)..];

    private static async Task<List<string>> StoredIdsAsync(TableEventStore events) =>
        [.. (await events.ReadAfterAsync(null, DateTimeOffset.UtcNow.AddHours(-2), 1000, CancellationToken.None)).Select(e => e.Id)];

    private static async Task SetGroupPolicyAsync(ControlPlaneProcess controlPlane, string name)
    {
        using var put = await controlPlane.Admin.PutAsJsonAsync(
            new Uri($"/api/policies/groups/{controlPlane.TablePrefix}-{name}", UriKind.Relative), new { settings = new { mode = "manual" } });
        put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync());
    }

    private static async Task<string> SignInAsAsync(ControlPlaneProcess controlPlane, string role)
    {
        var user = await SecurityCalls.CreateUserAsync(controlPlane, role);
        return await TestSecurity.SignInAsync(controlPlane.Http, user.UserName, user.Password);
    }

    private static UpdateJob RunningJob(string agentId, string container)
    {
        var at = DateTimeOffset.UtcNow;
        return new UpdateJob(UpdateJob.NewId(at), agentId, container, $"registry.example/{container}:1.0", "sha256:" + new string('d', 64), null,
            JobState.Running, Triggers.Timer, null, null, [], at, at);
    }

    private static (TableUpdateJobStore Jobs, TableEventStore Events) Storage(ControlPlaneProcess controlPlane)
    {
        var storage = new TableStorage(Options.Create(new StorageOptions { ConnectionString = controlPlane.ConnectionString, TablePrefix = controlPlane.TablePrefix }));
        return (new TableUpdateJobStore(storage), new TableEventStore(storage, TimeProvider.System));
    }
}
