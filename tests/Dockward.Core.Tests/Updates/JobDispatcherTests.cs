using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Core.Updates;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Updates;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class JobDispatcherTests(Servers servers) : IAsyncLifetime
{

    [Fact]
    public async Task A_late_result_never_rewrites_a_finished_job_but_a_repeated_one_is_accepted()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        var rolledBack = new JobResultReport(JobOutcome.RolledBack, "gate", "exited with code 3", null);
        (await dispatcher.CompleteAsync(agent, job.Id, rolledBack, CancellationToken.None)).ShouldBeTrue();

        var repeated = await dispatcher.CompleteAsync(agent, job.Id, rolledBack, CancellationToken.None);
        var contradicting = await dispatcher.CompleteAsync(agent, job.Id, new JobResultReport(JobOutcome.Succeeded, null, null, null), CancellationToken.None);
        var lateStep = await dispatcher.AppendStepAsync(agent, job.Id, new JobStepReport("gate", StepStatus.Succeeded, null, Start), CancellationToken.None);

        repeated.ShouldBeTrue();
        contradicting.ShouldBeFalse();
        lateStep.ShouldBeFalse();
        var stored = (await jobs.GetAsync(job.Id, CancellationToken.None))!;
        stored.State.ShouldBe(JobState.RolledBack);
        stored.Steps.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_step_sent_again_with_its_sequence_is_recorded_once_even_after_the_job_ended()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        var pull = new JobStepReport("pull", StepStatus.Started, "pulling", Start, Sequence: 3);

        (await dispatcher.AppendStepAsync(agent, job.Id, pull, CancellationToken.None)).ShouldBeTrue();
        (await dispatcher.AppendStepAsync(agent, job.Id, pull, CancellationToken.None)).ShouldBeTrue();
        (await dispatcher.CompleteAsync(agent, job.Id, new JobResultReport(JobOutcome.Interrupted, "pull", "the agent stopped during step pull", null), CancellationToken.None)).ShouldBeTrue();
        var replayed = await dispatcher.AppendStepAsync(agent, job.Id, pull, CancellationToken.None);
        var unknownAfterTheEnd = await dispatcher.AppendStepAsync(agent, job.Id, pull with { Sequence = 4 }, CancellationToken.None);

        replayed.ShouldBeTrue();
        unknownAfterTheEnd.ShouldBeFalse();
        var stored = (await jobs.GetAsync(job.Id, CancellationToken.None))!;
        stored.State.ShouldBe(JobState.Interrupted);
        stored.Steps.ShouldHaveSingleItem().Sequence.ShouldBe(3);
    }

    [Fact]
    public async Task A_job_that_was_never_handed_out_takes_no_steps_or_result()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);

        (await dispatcher.AppendStepAsync(agent, job.Id, new JobStepReport("pull", StepStatus.Started, null, Start), CancellationToken.None)).ShouldBeFalse();
        (await dispatcher.CompleteAsync(agent, job.Id, new JobResultReport(JobOutcome.Succeeded, null, null, null), CancellationToken.None)).ShouldBeFalse();

        (await jobs.GetAsync(job.Id, CancellationToken.None))!.State.ShouldBe(JobState.Pending);
    }

    [Fact]
    public async Task A_job_its_agent_never_acknowledged_is_handed_out_again_but_one_under_way_is_not()
    {
        var lost = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var underWay = await jobs.AddAsync(Job(agent, "db", Start.AddSeconds(1)), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        await dispatcher.AppendStepAsync(agent, underWay.Id, new JobStepReport("inspect", StepStatus.Started, null, Start), CancellationToken.None);

        var requeued = await dispatcher.RequeueUnacknowledgedAsync([agent], TimeSpan.Zero, CancellationToken.None);

        requeued.ShouldBe(1);
        (await jobs.GetAsync(lost.Id, CancellationToken.None))!.State.ShouldBe(JobState.Pending);
        (await jobs.GetAsync(underWay.Id, CancellationToken.None))!.State.ShouldBe(JobState.Running);
        (await dispatcher.NextAsync(agent, NoWait, CancellationToken.None))!.JobId.ShouldBe(lost.Id);
    }

    [Fact]
    public async Task A_job_handed_out_moments_ago_is_left_to_its_agent()
    {
        await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);

        (await dispatcher.RequeueUnacknowledgedAsync([agent], TimeSpan.FromMinutes(2), CancellationToken.None)).ShouldBe(0);
    }
    private static readonly PolicyOptions Policy = new() { MonitorWindowSeconds = 7, HealthTimeoutSeconds = 42, MaxConcurrentUpdatesPerHost = 10 };
    private static readonly TimeSpan NoWait = TimeSpan.Zero;
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 13, 0, 0, TimeSpan.Zero);

    private readonly TableBackend backend = new(servers);
    private readonly string agent = Servers.UniqueName("agent");
    private TableUpdateJobStore jobs = null!;

    public Task InitializeAsync()
    {
        jobs = new TableUpdateJobStore(backend.Connect());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task Two_concurrent_polls_hand_one_pending_job_to_exactly_one_of_them()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        // Two control-plane instances, each with its own store client, answering the same agent.
        var first = Dispatcher(new TableUpdateJobStore(backend.Connect()));
        var second = Dispatcher(new TableUpdateJobStore(backend.Connect()));

        var polls = await Task.WhenAll(
            first.NextAsync(agent, TimeSpan.FromSeconds(1), CancellationToken.None),
            second.NextAsync(agent, TimeSpan.FromSeconds(1), CancellationToken.None));

        polls.Count(p => p is not null).ShouldBe(1);
        polls.Single(p => p is not null)!.JobId.ShouldBe(job.Id);
        (await jobs.GetAsync(job.Id, CancellationToken.None))!.State.ShouldBe(JobState.Running);
    }

    [Fact]
    public async Task A_poll_hands_out_the_oldest_pending_job_with_the_gate_settings()
    {
        await jobs.AddAsync(Job(agent, "db", Start.AddMinutes(1)), CancellationToken.None);
        var oldest = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);

        var assignment = await Dispatcher(jobs).NextAsync(agent, NoWait, CancellationToken.None);

        assignment.ShouldBe(new JobAssignment(oldest.Id, "web", oldest.Image, oldest.TargetDigest, new HealthGateSettings(7, 42)));
        (await jobs.ListForAgentAsync(agent, JobState.Pending, CancellationToken.None)).Select(j => j.ContainerName).ShouldBe(["db"]);
    }

    [Fact]
    public async Task A_job_is_handed_out_once_and_another_agents_jobs_never()
    {
        await jobs.AddAsync(Job("someone-else", "web", Start), CancellationToken.None);
        await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);

        (await dispatcher.NextAsync(agent, NoWait, CancellationToken.None)).ShouldNotBeNull();

        (await dispatcher.NextAsync(agent, NoWait, CancellationToken.None)).ShouldBeNull();
        (await jobs.ListForAgentAsync("someone-else", JobState.Pending, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    [Trait("Area", "Update")]
    public async Task Pending_jobs_of_one_compose_project_are_handed_out_in_depends_on_order()
    {
        // As Docker Compose v2 labels the containers of a project whose web service depends on db.
        var web = await jobs.AddAsync(Job(agent, "shop-web-1", Start), CancellationToken.None);
        var db = await jobs.AddAsync(Job(agent, "shop-db-1", Start.AddMinutes(1)), CancellationToken.None);
        await new TableContainerStore(backend.Connect()).ReplaceInventoryAsync(agent, [
            Record("shop-web-1", new() { ["com.docker.compose.project"] = "shop", ["com.docker.compose.service"] = "web", ["com.docker.compose.depends_on"] = "db:service_healthy:false" }),
            Record("shop-db-1", new() { ["com.docker.compose.project"] = "shop", ["com.docker.compose.service"] = "db", ["com.docker.compose.depends_on"] = "" }),
        ], CancellationToken.None);
        var dispatcher = Dispatcher(jobs);

        var first = await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        var second = await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);

        first!.JobId.ShouldBe(db.Id, "web depends on db, so db is updated first although its job is newer");
        second!.JobId.ShouldBe(web.Id);
    }

    [Fact]
    public async Task A_long_poll_returns_a_job_queued_while_it_waits()
    {
        var dispatcher = Dispatcher(jobs);
        var poll = dispatcher.NextAsync(agent, TimeSpan.FromSeconds(20), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        poll.IsCompleted.ShouldBeFalse("nothing is pending yet");

        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);

        var assignment = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        assignment!.JobId.ShouldBe(job.Id);
    }

    [Fact]
    public async Task Steps_are_recorded_in_the_order_the_agent_reports_them()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);

        (await dispatcher.AppendStepAsync(agent, job.Id, new JobStepReport("pull", StepStatus.Started, null, Start.AddSeconds(1)), CancellationToken.None)).ShouldBeTrue();
        (await dispatcher.AppendStepAsync(agent, job.Id, new JobStepReport("pull", StepStatus.Succeeded, "pulled", Start.AddSeconds(2)), CancellationToken.None)).ShouldBeTrue();

        var steps = (await jobs.GetAsync(job.Id, CancellationToken.None))!.Steps;
        steps.ShouldBe([new JobStep("pull", StepStatus.Started, null, Start.AddSeconds(1)), new JobStep("pull", StepStatus.Succeeded, "pulled", Start.AddSeconds(2))]);
    }

    [Fact]
    public async Task Steps_reported_at_the_same_time_are_all_kept()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        await Dispatcher(jobs).NextAsync(agent, NoWait, CancellationToken.None);
        // Retried requests racing their originals, answered by different instances.
        var reports = Enumerable.Range(1, 4).Select(i => Dispatcher(new TableUpdateJobStore(backend.Connect()))
            .AppendStepAsync(agent, job.Id, new JobStepReport($"step-{i}", StepStatus.Succeeded, null, Start.AddSeconds(i)), CancellationToken.None));

        (await Task.WhenAll(reports)).ShouldAllBe(accepted => accepted);

        var names = (await jobs.GetAsync(job.Id, CancellationToken.None))!.Steps.Select(s => s.Name).Order(StringComparer.Ordinal);
        names.ShouldBe(["step-1", "step-2", "step-3", "step-4"]);
    }

    [Fact]
    public async Task Steps_and_results_from_another_agent_are_refused_and_change_nothing()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        var before = await jobs.GetAsync(job.Id, CancellationToken.None);

        var stepped = await dispatcher.AppendStepAsync("intruder", job.Id, new JobStepReport("pull", StepStatus.Failed, "no", Start), CancellationToken.None);
        var completed = await dispatcher.CompleteAsync("intruder", job.Id, new JobResultReport(JobOutcome.Failed, "pull", "no", null), CancellationToken.None);

        stepped.ShouldBeFalse();
        completed.ShouldBeFalse();
        var after = await jobs.GetAsync(job.Id, CancellationToken.None);
        after!.State.ShouldBe(JobState.Running);
        after.Steps.ShouldBeEmpty();
        after.Reason.ShouldBeNull();
        after.Version.ShouldBe(before!.Version, "the stored job was not written at all");
    }

    [Fact]
    public async Task Reports_about_a_job_that_does_not_exist_are_refused()
    {
        var dispatcher = Dispatcher(jobs);
        var missing = UpdateJob.NewId(Start);

        (await dispatcher.AppendStepAsync(agent, missing, new JobStepReport("pull", StepStatus.Started, null, Start), CancellationToken.None)).ShouldBeFalse();
        (await dispatcher.CompleteAsync(agent, missing, new JobResultReport(JobOutcome.Succeeded, null, null, null), CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Completing_with_rolled_back_records_the_state_the_failed_step_and_the_reason()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);
        await dispatcher.AppendStepAsync(agent, job.Id, new JobStepReport("gate", StepStatus.Failed, "exited with code 3", Start.AddSeconds(5)), CancellationToken.None);

        var accepted = await dispatcher.CompleteAsync(agent, job.Id, new JobResultReport(JobOutcome.RolledBack, "gate", "the new container exited with code 3", job.FromDigest), CancellationToken.None);

        accepted.ShouldBeTrue();
        var done = await jobs.GetAsync(job.Id, CancellationToken.None);
        done!.State.ShouldBe(JobState.RolledBack);
        done.IsActive.ShouldBeFalse();
        done.FailedStep.ShouldBe("gate");
        done.Reason.ShouldBe("the new container exited with code 3");
        done.Steps.Select(s => s.Name).ShouldBe(["gate"], "completing keeps the steps reported before");
    }

    [Fact]
    public async Task Completing_with_success_marks_the_job_succeeded_without_a_reason()
    {
        var job = await jobs.AddAsync(Job(agent, "web", Start), CancellationToken.None);
        var dispatcher = Dispatcher(jobs);
        await dispatcher.NextAsync(agent, NoWait, CancellationToken.None);

        (await dispatcher.CompleteAsync(agent, job.Id, new JobResultReport(JobOutcome.Succeeded, null, null, job.TargetDigest), CancellationToken.None)).ShouldBeTrue();

        var done = await jobs.GetAsync(job.Id, CancellationToken.None);
        done!.State.ShouldBe(JobState.Succeeded);
        done.Reason.ShouldBeNull();
        done.FailedStep.ShouldBeNull();
    }

    private JobDispatcher Dispatcher(IUpdateJobStore store) =>
        UpdateRequests.Dispatcher(store, new TableContainerStore(backend.Connect()), new TablePolicyStore(backend.Connect()), Policy);

    private ContainerRecord Record(string name, Dictionary<string, string> labels) => new(
        agent, name, Guid.NewGuid().ToString("N"), $"127.0.0.1:5000/team/{name}:latest", "sha256:" + new string('c', 64), [], "running", null, labels, Start, Start);

    private static UpdateJob Job(string agentId, string container, DateTimeOffset created) => new(
        UpdateJob.NewId(created),
        agentId,
        container,
        $"127.0.0.1:5000/team/{container}:latest",
        "sha256:" + new string('b', 64),
        "sha256:" + new string('a', 64),
        JobState.Pending,
        Triggers.Timer,
        FailedStep: null,
        Reason: null,
        Steps: [],
        created,
        created);
}
