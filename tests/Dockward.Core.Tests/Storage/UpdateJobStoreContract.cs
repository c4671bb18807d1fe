using Dockward.Contracts;
using Dockward.Core.Storage;
using Dockward.Core.Updates;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IUpdateJobStore"/> backend must do; one subclass per backend.</summary>
public abstract class UpdateJobStoreContract
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly string Target = "sha256:" + new string('b', 64);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IUpdateJobStore CreateStore();

    [Fact]
    public async Task An_added_job_reads_back_by_id_with_its_steps()
    {
        var store = CreateStore();
        var job = Job("agent-1", "web", Start) with
        {
            State = JobState.RolledBack,
            FailedStep = "gate",
            Reason = "container exited with code 3",
            Steps = [new JobStep("pull", StepStatus.Succeeded, "pulled", Start.AddSeconds(1)), new JobStep("gate", StepStatus.Failed, "exit 3", Start.AddSeconds(9))],
        };

        var added = await store.AddAsync(job, CancellationToken.None);

        var read = await store.GetAsync(job.Id, CancellationToken.None);
        read.ShouldNotBeNull();
        read.Version.ShouldBe(added.Version);
        read.Id.ShouldBe(job.Id);
        read.AgentId.ShouldBe("agent-1");
        read.ContainerName.ShouldBe("web");
        read.Image.ShouldBe(job.Image);
        read.TargetDigest.ShouldBe(Target);
        read.FromDigest.ShouldBe(job.FromDigest);
        read.State.ShouldBe(JobState.RolledBack);
        read.Trigger.ShouldBe(Triggers.Timer);
        read.FailedStep.ShouldBe("gate");
        read.Reason.ShouldBe("container exited with code 3");
        read.Steps.ShouldBe(job.Steps);
        read.CreatedAt.ShouldBe(Start);
        read.UpdatedAt.ShouldBe(Start);
    }

    [Fact]
    public async Task A_job_id_never_added_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(Job("agent-1", "web", Start), CancellationToken.None);

        (await store.GetAsync(UpdateJob.NewId(Start), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task An_agents_jobs_list_oldest_first_and_filter_by_state()
    {
        var store = CreateStore();
        var second = await store.AddAsync(Job("agent-1", "db", Start.AddMinutes(2)), CancellationToken.None);
        var first = await store.AddAsync(Job("agent-1", "web", Start.AddMinutes(1)), CancellationToken.None);
        var running = await store.AddAsync(Job("agent-1", "cache", Start) with { State = JobState.Running }, CancellationToken.None);
        await store.AddAsync(Job("agent-2", "web", Start), CancellationToken.None);

        var pending = await store.ListForAgentAsync("agent-1", JobState.Pending, CancellationToken.None);
        var all = await store.ListForAgentAsync("agent-1", null, CancellationToken.None);

        pending.Select(j => j.Id).ShouldBe([first.Id, second.Id]);
        all.Select(j => j.Id).ShouldBe([running.Id, first.Id, second.Id]);
        (await store.ListForAgentAsync("agent-1", JobState.Succeeded, CancellationToken.None)).ShouldBeEmpty();
        (await store.ListForAgentAsync("agent-3", null, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_containers_jobs_are_only_its_own_oldest_first()
    {
        var store = CreateStore();
        var older = await store.AddAsync(Job("agent-1", "web", Start) with { State = JobState.Succeeded }, CancellationToken.None);
        var newer = await store.AddAsync(Job("agent-1", "web", Start.AddHours(1)), CancellationToken.None);
        await store.AddAsync(Job("agent-1", "web-2", Start), CancellationToken.None);
        await store.AddAsync(Job("agent-2", "web", Start), CancellationToken.None);

        var history = await store.ListForContainerAsync("agent-1", "web", CancellationToken.None);

        history.Select(j => j.Id).ShouldBe([older.Id, newer.Id]);
    }

    [Fact]
    public async Task An_update_is_stored_and_gives_a_new_version()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Job("agent-1", "web", Start), CancellationToken.None);

        var updated = await store.UpdateAsync(added with { State = JobState.Succeeded, UpdatedAt = Start.AddMinutes(1) }, CancellationToken.None);

        updated.Version.ShouldNotBe(added.Version);
        var read = await store.GetAsync(added.Id, CancellationToken.None);
        read!.State.ShouldBe(JobState.Succeeded);
        read.UpdatedAt.ShouldBe(Start.AddMinutes(1));
        (await store.ListForAgentAsync("agent-1", JobState.Pending, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_keeps_the_newer_write()
    {
        var store = CreateStore();
        var stale = await store.AddAsync(Job("agent-1", "web", Start), CancellationToken.None);
        await store.UpdateAsync(stale with { State = JobState.Running }, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale with { State = JobState.Failed }, CancellationToken.None));

        (await store.GetAsync(stale.Id, CancellationToken.None))!.State.ShouldBe(JobState.Running);
    }

    [Fact]
    public async Task Adding_a_job_whose_id_exists_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var first = await store.AddAsync(Job("agent-1", "web", Start), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(first with { ContainerName = "db", Version = null }, CancellationToken.None));

        (await store.GetAsync(first.Id, CancellationToken.None))!.ContainerName.ShouldBe("web");
    }

    private static UpdateJob Job(string agentId, string container, DateTimeOffset created) => new(
        UpdateJob.NewId(created),
        agentId,
        container,
        $"127.0.0.1:5000/team/{container}:latest",
        Target,
        "sha256:" + new string('a', 64),
        JobState.Pending,
        Triggers.Timer,
        FailedStep: null,
        Reason: null,
        Steps: [],
        created,
        created);
}
