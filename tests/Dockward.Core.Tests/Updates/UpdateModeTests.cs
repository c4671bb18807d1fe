using System.Text.Json;
using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Core.Updates;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockward.Core.Tests.Updates;

/// <summary>What each policy mode does with an update found, on the real store, with a clock the tests move.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class UpdateModeTests(Servers servers) : IAsyncLifetime
{
    private static readonly string Old = "sha256:" + new string('a', 64);
    private static readonly string New = "sha256:" + new string('b', 64);

    private readonly TableBackend backend = new(servers);
    private readonly string agent = Servers.UniqueName("agent");
    private readonly ManualClock clock = new() { Now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero) }; // a Monday, 10:00 UTC
    private TableUpdateJobStore jobs = null!;
    private TableContainerStore containers = null!;
    private TablePolicyStore policies = null!;
    private TableEventStore events = null!;
    private UpdateRequester requester = null!;

    public Task InitializeAsync()
    {
        var storage = backend.Connect();
        jobs = new TableUpdateJobStore(storage);
        containers = new TableContainerStore(storage);
        policies = new TablePolicyStore(storage);
        events = new TableEventStore(storage, clock);
        requester = new UpdateRequester(jobs, clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task Monitor_mode_and_a_skipped_version_make_no_job()
    {
        var monitored = await RequestAsync(await ReportAsync("web"), new PolicySettings { Mode = UpdateMode.Monitor });
        var skipped = await RequestAsync(await ReportAsync("api"), new PolicySettings { Skip = ["1.4.1"] }, tag: "1.4.1", image: "127.0.0.1:5000/team/api:1.4.1");
        var skippedDigest = await RequestAsync(await ReportAsync("db"), new PolicySettings { Skip = [New] });

        monitored.Status.ShouldBe(UpdateRequestStatus.Skipped);
        skipped.Status.ShouldBe(UpdateRequestStatus.Skipped);
        skipped.Detail.ShouldContain("skip list");
        skippedDigest.Status.ShouldBe(UpdateRequestStatus.Skipped);
        (await jobs.ListAsync(new JobFilter(AgentId: agent), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Manual_mode_waits_for_approval_and_an_approved_update_is_handed_to_the_agent()
    {
        var web = await ReportAsync("web");
        var request = await RequestAsync(web, new PolicySettings { Mode = UpdateMode.Manual, ApprovalExpiry = TimeSpan.FromHours(4) });

        request.Job!.State.ShouldBe(JobState.AwaitingApproval);
        request.Job.ExpiresAt.ShouldBe(clock.Now.AddHours(4));
        (await Dispatcher().NextAsync(agent, TimeSpan.Zero, CancellationToken.None)).ShouldBeNull("nobody approved it yet");

        var approved = await new JobDecisions(jobs, clock).ApproveAsync(request.Job.Id, "user:olga", CancellationToken.None);

        approved.Done.ShouldBeTrue();
        approved.Job!.DecidedBy.ShouldBe("user:olga");
        (await Dispatcher().NextAsync(agent, TimeSpan.Zero, CancellationToken.None))!.JobId.ShouldBe(request.Job.Id);
    }

    [Fact]
    public async Task A_rejected_update_is_not_proposed_again_by_the_timer_but_a_user_can_still_update()
    {
        var web = await ReportAsync("web");
        var manual = new PolicySettings { Mode = UpdateMode.Manual };
        var request = await RequestAsync(web, manual);

        var rejected = await new JobDecisions(jobs, clock).RejectAsync(request.Job!.Id, "user:olga", "release notes say it breaks logins", CancellationToken.None);

        rejected.Job!.State.ShouldBe(JobState.Rejected);
        rejected.Job.Reason.ShouldBe("rejected by user:olga: release notes say it breaks logins");
        (await RequestAsync(web, manual)).Status.ShouldBe(UpdateRequestStatus.Quarantined);
        (await RequestAsync(web, manual, trigger: Triggers.Manual)).Job!.State.ShouldBe(JobState.Pending, "a user asking is the approval");
    }

    [Fact]
    public async Task An_approval_nobody_gives_expires_and_the_next_check_asks_again()
    {
        var web = await ReportAsync("web");
        var manual = new PolicySettings { Mode = UpdateMode.Manual, ApprovalExpiry = TimeSpan.FromHours(1) };
        var first = await RequestAsync(web, manual);

        clock.Now = clock.Now.AddMinutes(59);
        (await Scheduler().RunAsync(CancellationToken.None)).Expired.ShouldBe(0);
        clock.Now = clock.Now.AddMinutes(1);
        (await Scheduler().RunAsync(CancellationToken.None)).Expired.ShouldBe(1);

        var expired = await jobs.GetAsync(first.Job!.Id, CancellationToken.None);
        expired!.State.ShouldBe(JobState.Expired);
        expired.Reason.ShouldNotBeNull().ShouldContain("nobody approved or rejected it");
        // Announced once, by the pass that expired it (the pass before changed nothing).
        var announced = (await events.ReadAfterAsync(null, clock.Now.AddHours(-2), 100, CancellationToken.None)).Where(e => e.Type == EventTypes.JobState).ToList();
        announced.Count.ShouldBe(1);
        announced[0].Container.ShouldBe("web");
        using (var data = JsonDocument.Parse(announced[0].Data))
        {
            data.RootElement.GetProperty("change").GetString().ShouldBe("expired");
            data.RootElement.GetProperty("jobId").GetString().ShouldBe(first.Job.Id);
        }

        (await new JobDecisions(jobs, clock).ApproveAsync(first.Job.Id, "user:late", CancellationToken.None)).Problem.ShouldNotBeNull();
        (await RequestAsync(web, manual)).Job!.State.ShouldBe(JobState.AwaitingApproval);
    }

    [Fact]
    public async Task A_scheduled_update_found_outside_its_window_waits_for_the_next_opening_in_the_windows_time_zone()
    {
        // 02:00 in Shanghai (UTC+8) is 18:00 UTC the day before: Monday 10:00 UTC is outside, the next opening is 18:00 UTC.
        var window = Window("0 2 * * *", TimeSpan.FromHours(2), "Asia/Shanghai");
        var web = await ReportAsync("web");
        await policies.SaveAsync(new PolicyRecord(PolicyScope.Container, PolicyRecord.ContainerKey(agent, "web"),
            new PolicySettings { Mode = UpdateMode.Scheduled, Windows = [window] }, false, "user:test", clock.Now), CancellationToken.None);
        var request = await RequestAsync(web, null);

        request.Job!.State.ShouldBe(JobState.Scheduled);
        request.Job.NotBefore.ShouldBe(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));

        clock.Now = new DateTimeOffset(2026, 12, 7, 17, 59, 0, TimeSpan.Zero);
        (await Scheduler().RunAsync(CancellationToken.None)).Released.ShouldBe(0);
        clock.Now = new DateTimeOffset(2026, 12, 7, 18, 0, 30, TimeSpan.Zero);
        (await Scheduler().RunAsync(CancellationToken.None)).Released.ShouldBe(1);
        (await jobs.GetAsync(request.Job.Id, CancellationToken.None))!.State.ShouldBe(JobState.Pending);
    }

    [Fact]
    public async Task A_scheduled_update_whose_window_closed_before_it_was_released_waits_for_the_next_one()
    {
        var web = await ReportAsync("web");
        await policies.SaveAsync(new PolicyRecord(PolicyScope.Global, "",
            new PolicySettings { Mode = UpdateMode.Scheduled, Windows = [Window("0 22 * * *", TimeSpan.FromHours(1), "UTC")] }, false, "user:test", clock.Now), CancellationToken.None);
        var request = await RequestAsync(web, null);
        request.Job!.NotBefore.ShouldBe(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero));

        // The control plane was down the whole window: at 23:30 the job is due but the window is shut.
        clock.Now = new DateTimeOffset(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);
        var pass = await Scheduler().RunAsync(CancellationToken.None);

        pass.Released.ShouldBe(0);
        pass.Rescheduled.ShouldBe(1);
        (await jobs.GetAsync(request.Job.Id, CancellationToken.None))!.NotBefore.ShouldBe(new DateTimeOffset(2026, 12, 8, 22, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task An_image_younger_than_the_minimum_age_waits_until_it_is_old_enough()
    {
        var web = await ReportAsync("web");
        var built = clock.Now.AddHours(-2);
        var request = await RequestAsync(web, new PolicySettings { MinimumAge = TimeSpan.FromDays(1) }, created: built);

        request.Job!.State.ShouldBe(JobState.Scheduled);
        request.Job.NotBefore.ShouldBe(built.AddDays(1));
        clock.Now = built.AddDays(1);
        await Scheduler().RunAsync(CancellationToken.None);
        (await jobs.GetAsync(request.Job.Id, CancellationToken.None))!.State.ShouldBe(JobState.Pending);
    }

    [Fact]
    public async Task A_scheduled_job_of_a_container_whose_policy_turned_to_monitor_is_cancelled_when_due()
    {
        var web = await ReportAsync("web");
        var request = await RequestAsync(web, new PolicySettings { MinimumAge = TimeSpan.FromHours(1) });
        await policies.SaveAsync(new PolicyRecord(PolicyScope.Container, PolicyRecord.ContainerKey(agent, "web"),
            new PolicySettings { Mode = UpdateMode.Monitor }, false, "user:test", clock.Now), CancellationToken.None);

        clock.Now = clock.Now.AddHours(2);
        (await Scheduler().RunAsync(CancellationToken.None)).Cancelled.ShouldBe(1);
        (await jobs.GetAsync(request.Job!.Id, CancellationToken.None))!.State.ShouldBe(JobState.Cancelled);

        // That cancel was housekeeping, not a person turning the update down: once the policy updates it again, so does the check.
        await policies.DeleteAsync(PolicyScope.Container, PolicyRecord.ContainerKey(agent, "web"), null, CancellationToken.None);
        (await RequestAsync(web, null)).Status.ShouldBe(UpdateRequestStatus.Created);
    }

    [Fact]
    public async Task A_scheduled_job_of_a_container_switched_to_manual_waits_for_approval_instead()
    {
        var web = await ReportAsync("web");
        var request = await RequestAsync(web, new PolicySettings { MinimumAge = TimeSpan.FromHours(1) });
        await policies.SaveAsync(new PolicyRecord(PolicyScope.Global, "", new PolicySettings { Mode = UpdateMode.Manual }, false, "user:test", clock.Now), CancellationToken.None);

        await Scheduler().RunAsync(CancellationToken.None);

        var waiting = await jobs.GetAsync(request.Job!.Id, CancellationToken.None);
        waiting!.State.ShouldBe(JobState.AwaitingApproval);
        waiting.ExpiresAt.ShouldBe(clock.Now.AddDays(7));
    }

    [Fact]
    public async Task A_user_updating_now_releases_an_update_that_waits_for_approval_or_a_window()
    {
        var web = await ReportAsync("web");
        var waiting = await RequestAsync(web, new PolicySettings { Mode = UpdateMode.Manual });

        var now = await RequestAsync(web, new PolicySettings { Mode = UpdateMode.Manual }, trigger: Triggers.Manual);

        now.Status.ShouldBe(UpdateRequestStatus.Created);
        now.Job!.Id.ShouldBe(waiting.Job!.Id);
        now.Job.State.ShouldBe(JobState.Pending);
        now.Job.DecidedBy.ShouldBe("user:test");
        (await jobs.ListForContainerAsync(agent, "web", CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_held_job_whose_rollout_ended_before_releasing_it_is_cancelled_so_its_container_is_not_blocked()
    {
        var web = await ReportAsync("web");
        var request = await requester.RequestAsync(web, UpdateRequests.Policy(web), new UpdateTarget(New), Triggers.Timer, null, _ => Task.FromResult<string?>("no-such-rollout"), CancellationToken.None);
        request.Job!.State.ShouldBe(JobState.Held);

        (await Scheduler().RunAsync(CancellationToken.None)).Cancelled.ShouldBe(1);

        (await jobs.GetAsync(request.Job.Id, CancellationToken.None))!.State.ShouldBe(JobState.Cancelled);
        (await RequestAsync(web, null)).Status.ShouldBe(UpdateRequestStatus.Created, "a housekeeping cancel does not quarantine the digest");
    }

    [Fact]
    public async Task A_webhook_racing_the_timer_on_one_container_makes_one_job()
    {
        var web = await ReportAsync("web");
        var policy = UpdateRequests.Policy(web);
        var racers = Enumerable.Range(0, 8).Select(i => new UpdateRequester(new TableUpdateJobStore(backend.Connect()), clock)
            .RequestAsync(web, policy, new UpdateTarget(New), i % 2 == 0 ? Triggers.Webhook : Triggers.Timer, null, null, CancellationToken.None));

        var outcomes = await Task.WhenAll(racers);

        outcomes.Count(o => o.Status == UpdateRequestStatus.Created).ShouldBe(1);
        outcomes.Count(o => o.Status == UpdateRequestStatus.AlreadyActive).ShouldBe(7);
        (await jobs.ListForContainerAsync(agent, "web", CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Once_a_job_ends_the_container_can_get_its_next_one()
    {
        var web = await ReportAsync("web");
        var first = await RequestAsync(web, null);
        var dispatcher = Dispatcher();
        var assignment = await dispatcher.NextAsync(agent, TimeSpan.Zero, CancellationToken.None);
        await dispatcher.CompleteAsync(agent, assignment!.JobId, new JobResultReport(JobOutcome.Succeeded, null, null, New), CancellationToken.None);

        var next = await requester.RequestAsync(web, UpdateRequests.Policy(web), new UpdateTarget("sha256:" + new string('c', 64)), Triggers.Timer, null, null, CancellationToken.None);

        next.Status.ShouldBe(UpdateRequestStatus.Created);
        (await jobs.GetAsync(first.Job!.Id, CancellationToken.None))!.EndedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_host_runs_one_update_at_a_time_by_default()
    {
        await RequestAsync(await ReportAsync("web"), null);
        await RequestAsync(await ReportAsync("db"), null);
        var dispatcher = Dispatcher();

        var first = await dispatcher.NextAsync(agent, TimeSpan.Zero, CancellationToken.None);
        (await dispatcher.NextAsync(agent, TimeSpan.Zero, CancellationToken.None)).ShouldBeNull("one update already runs on this host");
        await dispatcher.CompleteAsync(agent, first!.JobId, new JobResultReport(JobOutcome.Succeeded, null, null, New), CancellationToken.None);

        (await dispatcher.NextAsync(agent, TimeSpan.Zero, CancellationToken.None)).ShouldNotBeNull();
    }

    private async Task<UpdateRequest> RequestAsync(
        ContainerRecord container, PolicySettings? settings, string trigger = Triggers.Timer, string? tag = null, DateTimeOffset? created = null, string? image = null)
    {
        var book = settings is null
            ? await PolicyBook.ReadAsync(policies, CancellationToken.None)
            : new PolicyBook([new PolicyRecord(PolicyScope.Container, PolicyRecord.ContainerKey(agent, container.Name), settings, false, "user:test", clock.Now)]);
        var policy = UpdateRequests.Resolver().Resolve(container, book);
        return await requester.RequestAsync(container, policy, new UpdateTarget(New, image, tag, created), trigger, trigger == Triggers.Manual ? "user:test" : null, null, CancellationToken.None);
    }

    private async Task<ContainerRecord> ReportAsync(string name)
    {
        var record = new ContainerRecord(agent, name, name + "-id", $"127.0.0.1:5000/team/{name}:1.4.0", "sha256:" + new string('f', 64),
            [$"127.0.0.1:5000/team/{name}@{Old}"], "running", null, new Dictionary<string, string> { [PolicyLabels.Enable] = "true" }, clock.Now, clock.Now);
        var all = (await containers.ListAsync(CancellationToken.None)).Where(c => c.AgentId == agent).Append(record).ToList();
        await containers.ReplaceInventoryAsync(agent, all, CancellationToken.None);
        return record;
    }

    private static MaintenanceWindow Window(string cron, TimeSpan length, string zone) =>
        MaintenanceWindow.TryCreate(cron, length, zone, out var window, out var error) ? window! : throw new InvalidOperationException(error);

    private JobDispatcher Dispatcher() => UpdateRequests.Dispatcher(jobs, containers, policies, clock: clock);

    private UpdateScheduler Scheduler() =>
        new(jobs, containers, policies, UpdateRequests.Resolver(), new TableRolloutStore(backend.Connect()),
            new EventLog(events, clock, NullLogger<EventLog>.Instance), clock, NullLogger<UpdateScheduler>.Instance);
}
