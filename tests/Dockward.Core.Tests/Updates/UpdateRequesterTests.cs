using Dockward.Core.Containers;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Core.Updates;
using Dockward.Testing;

namespace Dockward.Core.Tests.Updates;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class UpdateRequesterTests(Servers servers) : IAsyncLifetime
{
    private static readonly string Old = "sha256:" + new string('a', 64);
    private static readonly string Bad = "sha256:" + new string('b', 64);
    private static readonly string Fixed = "sha256:" + new string('c', 64);

    private readonly TableBackend backend = new(servers);
    private readonly string agent = Servers.UniqueName("agent");
    private TableUpdateJobStore jobs = null!;
    private UpdateRequester requester = null!;

    public Task InitializeAsync()
    {
        jobs = new TableUpdateJobStore(backend.Connect());
        requester = new UpdateRequester(jobs, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task A_request_queues_a_pending_job_from_the_running_digest_to_the_target()
    {
        var web = Container("web");

        var request = await requester.RequestAsync(web, Fixed, Triggers.Timer, CancellationToken.None);

        request.Status.ShouldBe(UpdateRequestStatus.Created);
        var stored = await jobs.GetAsync(request.Job!.Id, CancellationToken.None);
        stored!.State.ShouldBe(JobState.Pending);
        stored.AgentId.ShouldBe(agent);
        stored.ContainerName.ShouldBe("web");
        stored.Image.ShouldBe(web.Image);
        stored.FromDigest.ShouldBe(Old);
        stored.TargetDigest.ShouldBe(Fixed);
    }

    [Fact]
    public async Task A_container_with_an_active_job_gets_no_second_one_even_for_another_digest()
    {
        var first = await requester.RequestAsync(Container("web"), Bad, Triggers.Timer, CancellationToken.None);

        var second = await requester.RequestAsync(Container("web"), Fixed, Triggers.Manual, CancellationToken.None);

        second.Status.ShouldBe(UpdateRequestStatus.AlreadyActive);
        second.Job!.Id.ShouldBe(first.Job!.Id);
        (await jobs.ListForContainerAsync(agent, "web", CancellationToken.None)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_rolled_back_digest_is_quarantined_for_that_container_only()
    {
        await RolledBackAsync("web", Bad);

        (await requester.RequestAsync(Container("web"), Bad, Triggers.Timer, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Quarantined);
        (await requester.RequestAsync(Container("web"), Bad, Triggers.Check, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Quarantined);
        (await requester.RequestAsync(Container("web-2"), Bad, Triggers.Timer, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Created);
        (await requester.RequestAsync(Container("web"), Fixed, Triggers.Timer, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Created);
    }

    [Fact]
    public async Task A_digest_whose_update_failed_outright_is_quarantined_too()
    {
        var request = await requester.RequestAsync(Container("web"), Bad, Triggers.Timer, CancellationToken.None);
        await jobs.UpdateAsync(request.Job! with { State = JobState.Failed, FailedStep = "rollback", Reason = "rollback failed" }, CancellationToken.None);

        (await requester.RequestAsync(Container("web"), Bad, Triggers.Timer, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Quarantined);
        (await requester.RequestAsync(Container("web"), Bad, Triggers.Manual, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Created);
    }

    [Fact]
    public async Task An_update_the_agent_was_stopped_in_does_not_quarantine_its_digest()
    {
        var request = await requester.RequestAsync(Container("web"), Fixed, Triggers.Timer, CancellationToken.None);
        await jobs.UpdateAsync(request.Job! with { State = JobState.Interrupted, FailedStep = "gate", Reason = "the agent is stopping" }, CancellationToken.None);

        (await requester.RequestAsync(Container("web"), Fixed, Triggers.Timer, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Created);
    }

    [Fact]
    public async Task A_user_retries_a_quarantined_digest_and_once_that_succeeds_it_is_no_longer_quarantined()
    {
        await RolledBackAsync("web", Bad);

        var retry = await requester.RequestAsync(Container("web"), Bad, Triggers.Manual, CancellationToken.None);
        retry.Status.ShouldBe(UpdateRequestStatus.Created);
        await jobs.UpdateAsync(retry.Job! with { State = JobState.Succeeded }, CancellationToken.None);

        // The container was later put back on the old digest by hand; the timer may move it forward again.
        (await requester.RequestAsync(Container("web"), Bad, Triggers.Timer, CancellationToken.None)).Status.ShouldBe(UpdateRequestStatus.Created);
    }

    private async Task RolledBackAsync(string container, string digest)
    {
        var request = await requester.RequestAsync(Container(container), digest, Triggers.Timer, CancellationToken.None);
        await jobs.UpdateAsync(request.Job! with { State = JobState.RolledBack, FailedStep = "gate", Reason = "unhealthy" }, CancellationToken.None);
    }

    private ContainerRecord Container(string name) => new(
        agent,
        name,
        Id: name + "-id",
        Image: $"127.0.0.1:5000/team/{name}:latest",
        ImageId: "sha256:" + new string('f', 64),
        RepoDigests: [$"127.0.0.1:5000/team/{name}@{Old}"],
        State: "running",
        Health: null,
        Labels: new Dictionary<string, string>(),
        Created: DateTimeOffset.UtcNow,
        ReportedAt: DateTimeOffset.UtcNow);
}
