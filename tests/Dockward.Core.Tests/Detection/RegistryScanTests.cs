using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Core.Tests.Updates;
using Dockward.Core.Updates;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>A whole check cycle: inventory in the store, a real registry, jobs and check results written back.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryScanTests(Servers servers) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Managed = new() { [PolicyLabels.Enable] = "true" };
    private static readonly Dictionary<string, string> Monitored = new() { [PolicyLabels.Enable] = "true", [PolicyLabels.Mode] = "monitor" };
    private static readonly Dictionary<string, string> Unlabelled = new() { ["team"] = "blue" };
    private static readonly Dictionary<string, string> OptedOut = new() { [PolicyLabels.Enable] = "false" };

    private readonly TableBackend backend = new(servers);
    private readonly string agent = Servers.UniqueName("agent");
    private readonly string repository = Servers.UniqueName("scan") + "/app";
    private TableContainerStore containers = null!;
    private TableImageCheckStore checks = null!;
    private TableUpdateJobStore jobs = null!;
    private TablePolicyStore policies = null!;

    private string Image => $"{servers.Registry.Host}/{repository}:latest";

    public Task InitializeAsync()
    {
        var storage = backend.Connect();
        containers = new TableContainerStore(storage);
        checks = new TableImageCheckStore(storage);
        jobs = new TableUpdateJobStore(storage);
        policies = new TablePolicyStore(storage);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task An_auto_container_on_an_old_digest_gets_exactly_one_pending_job_for_the_new_digest()
    {
        var (old, latest) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(1);
        summary.UpdatesAvailable.ShouldBe(1);
        var job = (await JobsOfAsync("web")).ShouldHaveSingleItem();
        job.State.ShouldBe(JobState.Pending);
        job.TargetDigest.ShouldBe(latest);
        job.FromDigest.ShouldBe(old);
        job.Image.ShouldBe(Image);
        job.Trigger.ShouldBe(Triggers.Timer);
        var check = await checks.GetAsync(Image, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.UpdateAvailable);
        check.RemoteDigest.ShouldBe(latest);
    }

    [Fact]
    public async Task Each_check_is_kept_in_history_with_its_trigger_what_ran_and_the_request_it_came_from()
    {
        var (old, latest) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Monitored));
        var scan = Scan();

        await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);
        await scan.RunAsync(Triggers.Check, null, CancellationToken.None);

        var history = await checks.ListHistoryAsync(Image, 10, CancellationToken.None);
        history.Select(h => h.Trigger).ShouldBe([Triggers.Check, Triggers.Timer]);
        foreach (var check in history)
        {
            check.Status.ShouldBe(CheckStatus.UpdateAvailable);
            check.RemoteDigest.ShouldBe(latest);
            check.RunningDigests.ShouldBe([old]);
            check.Requests.ShouldBe(1, "one HEAD per image per check on an anonymous registry");
            check.Sources.ShouldBe([$"HEAD http://{servers.Registry.Host}/v2/{repository}/manifests/latest"]);
        }
    }

    [Fact]
    public async Task A_second_scan_queues_no_second_job_while_the_first_is_active()
    {
        var (old, _) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Managed));
        var scan = Scan();
        await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);

        var again = await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);

        again.JobsCreated.ShouldBe(0);
        again.UpdatesAvailable.ShouldBe(1, "the update is still there, only the job already exists");
        (await JobsOfAsync("web")).ShouldHaveSingleItem();
    }

    [Fact]
    [Trait("Area", "Policy")]
    public async Task The_outdated_containers_of_a_rolling_group_become_one_sealed_rollout_whose_jobs_wait_their_turn()
    {
        var (old, _) = await PushTwoVersionsAsync();
        var group = Servers.UniqueName("shop");
        var rolling = new Dictionary<string, string>(Managed) { [PolicyLabels.Group] = group, ["dockward.rollout"] = "rolling" };
        await ReportAsync(Container("web-1", Image, old, rolling), Container("web-2", Image, old, rolling), Container("solo", Image, old, Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(3);
        var members = (await JobsOfAsync("web-1")).Concat(await JobsOfAsync("web-2")).ToList();
        members.ShouldAllBe(j => j.State == JobState.Held && j.RolloutId == members[0].RolloutId && j.RolloutId != null);
        (await JobsOfAsync("solo")).ShouldHaveSingleItem().State.ShouldBe(JobState.Pending, "a container in no rollout goes on its own");
        var rollout = (await new TableRolloutStore(backend.Connect()).GetAsync(members[0].RolloutId!, CancellationToken.None)).ShouldNotBeNull();
        rollout.Sealed.ShouldBeTrue();
        rollout.Group.ShouldBe(group);
        rollout.Trigger.ShouldBe(Triggers.Timer);
    }

    [Fact]
    public async Task A_monitored_container_is_reported_as_having_an_update_but_gets_no_job()
    {
        var (old, latest) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Monitored));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.UpdatesAvailable.ShouldBe(1);
        summary.JobsCreated.ShouldBe(0);
        (await JobsOfAsync("web")).ShouldBeEmpty();
        var check = await checks.GetAsync(Image, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.UpdateAvailable);
        check.RemoteDigest.ShouldBe(latest);
    }

    [Fact]
    public async Task An_unlabelled_container_is_not_checked_by_default()
    {
        await ReportAsync(Container("web", Image, Digest('a'), Unlabelled));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.Images.ShouldBe(0);
        (await checks.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        (await JobsOfAsync("web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unlabelled_container_is_updated_when_every_container_is_managed()
    {
        var (old, latest) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Unlabelled));

        var summary = await Scan(new DetectionOptions { ManageAllContainers = true }).RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(1);
        (await JobsOfAsync("web")).ShouldHaveSingleItem().TargetDigest.ShouldBe(latest);
    }

    [Fact]
    public async Task A_container_that_opted_out_stays_ignored_when_every_container_is_managed()
    {
        await ReportAsync(Container("web", Image, Digest('a'), OptedOut));

        var summary = await Scan(new DetectionOptions { ManageAllContainers = true }).RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.Images.ShouldBe(0);
        (await JobsOfAsync("web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_image_pinned_by_digest_is_skipped_with_the_reason()
    {
        var pinned = $"{servers.Registry.Host}/{repository}@{Digest('a')}";
        await ReportAsync(Container("web", pinned, Digest('a'), Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(0);
        var check = await checks.GetAsync(pinned, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.Skipped);
        check.Detail.ShouldNotBeNull().ShouldContain("pinned by digest");
        (await JobsOfAsync("web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_container_already_on_the_registry_digest_is_up_to_date_and_gets_no_job()
    {
        var current = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("1.0"));
        await ReportAsync(Container("web", Image, current, Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.UpdatesAvailable.ShouldBe(0);
        summary.JobsCreated.ShouldBe(0);
        var check = await checks.GetAsync(Image, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.UpToDate);
        check.RemoteDigest.ShouldBe(current);
        (await JobsOfAsync("web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rolled_back_digest_is_not_requested_again_by_the_timer_or_a_check_but_is_by_a_user()
    {
        var (old, bad) = await PushTwoVersionsAsync();
        var web = Container("web", Image, old, Managed);
        await ReportAsync(web);
        var scan = Scan();
        await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);
        await RollBackTheJobAsync();

        var afterRollback = await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);
        var requester = new UpdateRequester(jobs, TimeProvider.System);
        var byCheck = await requester.RequestAsync(web, bad, Triggers.Check, CancellationToken.None);
        var byUser = await requester.RequestAsync(web, bad, Triggers.Manual, CancellationToken.None);

        afterRollback.JobsCreated.ShouldBe(0);
        afterRollback.UpdatesAvailable.ShouldBe(1);
        byCheck.Status.ShouldBe(UpdateRequestStatus.Quarantined);
        byUser.Status.ShouldBe(UpdateRequestStatus.Created);
        byUser.Job!.TargetDigest.ShouldBe(bad);
        byUser.Job.Trigger.ShouldBe(Triggers.Manual);
        var history = await JobsOfAsync("web");
        history.Select(j => j.State).ShouldBe([JobState.RolledBack, JobState.Pending]);
    }

    [Fact]
    public async Task A_newer_digest_after_a_rollback_is_requested_by_the_timer()
    {
        var (old, _) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Managed));
        var scan = Scan();
        await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);
        await RollBackTheJobAsync();
        var fixedRelease = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("3.0"));

        var summary = await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(1);
        var history = await JobsOfAsync("web");
        history.Select(j => j.State).ShouldBe([JobState.RolledBack, JobState.Pending]);
        history[^1].TargetDigest.ShouldBe(fixedRelease);
    }

    [Fact]
    public async Task A_tag_missing_from_the_registry_is_recorded_as_an_error_and_queues_nothing()
    {
        await ReportAsync(Container("web", Image, Digest('a'), Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.Errors.ShouldBe(1);
        var check = await checks.GetAsync(Image, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.Error);
        check.Detail.ShouldNotBeNull().ShouldContain("not found");
        (await JobsOfAsync("web")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_spellings_of_one_image_are_checked_once_and_every_outdated_container_gets_a_job()
    {
        var (old, latest) = await PushTwoVersionsAsync();
        var implicitTag = $"{servers.Registry.Host}/{repository}";
        await ReportAsync(Container("web", Image, old, Managed), Container("web-2", implicitTag, old, Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.Images.ShouldBe(1);
        summary.JobsCreated.ShouldBe(2);
        (await JobsOfAsync("web")).ShouldHaveSingleItem().TargetDigest.ShouldBe(latest);
        (await JobsOfAsync("web-2")).ShouldHaveSingleItem().TargetDigest.ShouldBe(latest);
    }

    [Fact]
    public async Task Only_the_containers_still_on_an_old_digest_get_a_job()
    {
        var (old, latest) = await PushTwoVersionsAsync();
        await ReportAsync(Container("web", Image, old, Managed), Container("web-2", Image, latest, Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(1);
        (await JobsOfAsync("web")).ShouldHaveSingleItem();
        (await JobsOfAsync("web-2")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_scan_for_one_repository_leaves_the_other_images_alone()
    {
        var other = Servers.UniqueName("scan") + "/other";
        var otherImage = $"{servers.Registry.Host}/{other}:latest";
        var (old, latest) = await PushTwoVersionsAsync();
        await TestImages.PushAsync(servers.Registry, other, "latest", TestImage.Plain("9.0"));
        await ReportAsync(Container("web", Image, old, Managed), Container("db", otherImage, $"{servers.Registry.Host}/{other}@{Digest('a')}", Managed));

        var summary = await Scan().RunAsync(Triggers.Manual, ImageReference.Parse($"{servers.Registry.Host}/{repository}:latest"), CancellationToken.None);

        summary.Images.ShouldBe(1);
        (await JobsOfAsync("web")).ShouldHaveSingleItem().TargetDigest.ShouldBe(latest);
        (await JobsOfAsync("db")).ShouldBeEmpty();
        (await checks.GetAsync(otherImage, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task An_image_known_only_by_id_is_skipped_because_there_is_nothing_to_compare()
    {
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("1.0"));
        var builtHere = Container("web", Image, Digest('a'), Managed) with { RepoDigests = [] };
        var fromElsewhere = Container("web-2", Image, Digest('a'), Managed) with { RepoDigests = [$"mirror.example.com/{repository}@{Digest('a')}"] };
        await ReportAsync(builtHere, fromElsewhere);

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(0);
        var check = await checks.GetAsync(Image, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.Skipped);
        check.Detail.ShouldNotBeNull().ShouldContain("cannot compare");
    }

    [Fact]
    public async Task A_malformed_image_reference_is_skipped_with_the_reason()
    {
        var malformed = $"{servers.Registry.Host}/{repository.ToUpperInvariant()}:latest";
        await ReportAsync(Container("web", malformed, Digest('a'), Managed));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(0);
        var check = await checks.GetAsync(malformed, CancellationToken.None);
        check!.Status.ShouldBe(CheckStatus.Skipped);
        check.Detail.ShouldNotBeNull().ShouldContain("invalid repository path");
    }

    private RegistryScan Scan(DetectionOptions? detection = null)
    {
        var options = Options.Create(detection ?? new DetectionOptions());
        options.Value.RequestTimeoutSeconds = 10;
        var resolver = new PolicyResolver(options, Options.Create(new PolicyOptions()));
        return new RegistryScan(
            containers,
            checks,
            RegistryClients.Create(backend.Connect(), options),
            resolver,
            policies,
            new UpdateRequester(jobs, TimeProvider.System),
            new RolloutPlanner(new TableRolloutStore(backend.Connect()), jobs, containers, checks, policies, resolver, TimeProvider.System, NullLogger<RolloutPlanner>.Instance),
            options,
            TimeProvider.System,
            NullLogger<RegistryScan>.Instance);
    }

    /// <summary>Pushes 1.0 then 2.0 to <c>:latest</c>: the digest a container still runs, and the one the tag has now.</summary>
    private async Task<(string Old, string Latest)> PushTwoVersionsAsync()
    {
        var old = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("1.0"));
        var latest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("2.0"));
        old.ShouldNotBe(latest);
        return (old, latest);
    }

    /// <summary>The agent takes the pending job and reports that it rolled back.</summary>
    private async Task RollBackTheJobAsync()
    {
        var dispatcher = UpdateRequests.Dispatcher(jobs, containers, policies);
        var assignment = await dispatcher.NextAsync(agent, TimeSpan.Zero, CancellationToken.None);
        assignment.ShouldNotBeNull();
        var result = new JobResultReport(JobOutcome.RolledBack, "gate", "the new container exited with code 3", null);
        (await dispatcher.CompleteAsync(agent, assignment.JobId, result, CancellationToken.None)).ShouldBeTrue();
    }

    private Task ReportAsync(params ContainerRecord[] reported) => containers.ReplaceInventoryAsync(agent, reported, CancellationToken.None);

    private Task<IReadOnlyList<UpdateJob>> JobsOfAsync(string container) => jobs.ListForContainerAsync(agent, container, CancellationToken.None);

    /// <param name="running">The digest the container runs, or a full repo digest as Docker reports it.</param>
    private ContainerRecord Container(string name, string image, string running, Dictionary<string, string> labels)
    {
        var repoDigest = running.Contains('@', StringComparison.Ordinal) ? running : $"{servers.Registry.Host}/{repository}@{running}";
        return new ContainerRecord(
            agent,
            name,
            Id: Guid.NewGuid().ToString("N"),
            image,
            ImageId: Digest('f'),
            RepoDigests: [repoDigest],
            State: "running",
            Health: null,
            labels,
            Created: DateTimeOffset.UtcNow.AddDays(-1),
            ReportedAt: DateTimeOffset.UtcNow);
    }

    private static string Digest(char fill) => "sha256:" + new string(fill, 64);
}
