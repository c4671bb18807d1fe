using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Core.Updates;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dockward.Testing.RegistryUploads;

namespace Dockward.Core.Tests.Detection;

/// <summary>
/// A check cycle over multi-platform tags and tag policies on the real registry: a container that runs a platform
/// digest is compared through the index, never with it, and newer tags are found and recorded.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryScanIndexAndTagTests(Servers servers) : IAsyncLifetime
{
    private const string Arm64 = "linux/arm64/v8";
    private readonly TableBackend backend = new(servers);
    private readonly string agent = Servers.UniqueName("agent");
    private readonly string repository = Servers.UniqueName("scanidx") + "/app";
    private TableContainerStore containers = null!;
    private TableImageCheckStore checks = null!;
    private TableUpdateJobStore jobs = null!;
    private TablePolicyStore policies = null!;

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
    public async Task A_container_pulled_by_its_platform_digest_is_up_to_date_with_the_index_that_lists_it()
    {
        var (_, arm64) = await PushIndexAsync("1.0", "a");
        await ReportAsync(Container("web", "1.0", arm64.Digest, Arm64));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(0);
        var check = (await checks.GetAsync(Image("1.0"), CancellationToken.None)).ShouldNotBeNull();
        check.Status.ShouldBe(CheckStatus.UpToDate);
        check.Requests.ShouldBe(2, "the HEAD of the tag, then the index read once to find the container's platform in it");
    }

    [Fact]
    public async Task A_container_on_a_platform_digest_the_new_index_no_longer_lists_gets_the_new_index()
    {
        var (_, oldArm64) = await PushIndexAsync("1.0", "a");
        var (index, _) = await PushIndexAsync("1.0", "b");
        await ReportAsync(Container("web", "1.0", oldArm64.Digest, Arm64));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.UpdatesAvailable.ShouldBe(1);
        var job = (await jobs.ListForContainerAsync(agent, "web", CancellationToken.None)).ShouldHaveSingleItem();
        job.TargetDigest.ShouldBe(index.Digest, "the agent pulls the index and the engine picks its platform");
    }

    [Fact]
    public async Task A_container_on_an_older_index_whose_platform_manifest_did_not_change_is_up_to_date()
    {
        // Only arm64 was rebuilt: an amd64 container pulled by the old index needs nothing.
        var amd64 = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "a");
        var oldArm64 = await PushManifestAsync(servers.Registry, repository, Arm64, "a");
        var newArm64 = await PushManifestAsync(servers.Registry, repository, Arm64, "b");
        var oldIndex = await RegistryUploads.PushIndexAsync(servers.Registry, repository, "1.0", OciIndex, new Entry(amd64, "linux/amd64"), new Entry(oldArm64, Arm64));
        await RegistryUploads.PushIndexAsync(servers.Registry, repository, "1.0", OciIndex, new Entry(amd64, "linux/amd64"), new Entry(newArm64, Arm64));
        await ReportAsync(Container("amd", "1.0", oldIndex.Digest, "linux/amd64"), Container("arm", "1.0", oldIndex.Digest, Arm64));
        var scan = Scan();

        await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);
        var again = await scan.RunAsync(Triggers.Timer, null, CancellationToken.None);

        (await jobs.ListForContainerAsync(agent, "amd", CancellationToken.None)).ShouldBeEmpty();
        (await jobs.ListForContainerAsync(agent, "arm", CancellationToken.None)).ShouldHaveSingleItem();
        again.Checks.ShouldHaveSingleItem().Requests.ShouldBe(1, "both indexes are content addressed and kept: the next check is one HEAD");
    }

    [Fact]
    public async Task A_container_on_the_index_digest_is_up_to_date_with_one_request()
    {
        var (index, _) = await PushIndexAsync("1.0", "a");
        await ReportAsync(Container("web", "1.0", index.Digest, Arm64));

        await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        var check = (await checks.GetAsync(Image("1.0"), CancellationToken.None)).ShouldNotBeNull();
        check.Status.ShouldBe(CheckStatus.UpToDate);
        check.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task A_tag_policy_finds_the_highest_newer_tag_of_the_same_form_within_its_level_records_it_and_moves_the_container_to_it()
    {
        var current = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "1.4.2", tag: "1.4.2");
        foreach (var tag in new[] { "1.4.3", "1.5.0", "1.5.1-rc.1", "1.5-alpine", "2.0.0", "latest" })
        {
            await PushManifestAsync(servers.Registry, repository, "linux/amd64", tag, tag: tag);
        }

        await ReportAsync(Container("web", "1.4.2", current.Digest, "linux/amd64", (PolicyLabels.Tag, "minor")));

        var summary = await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        summary.JobsCreated.ShouldBe(1);
        var job = (await jobs.ListForContainerAsync(agent, "web", CancellationToken.None)).ShouldHaveSingleItem();
        job.TargetImage.ShouldBe(Image("1.5.0"));
        job.Image.ShouldBe(Image("1.4.2"));
        var check = (await checks.GetAsync(Image("1.4.2"), CancellationToken.None)).ShouldNotBeNull();
        check.Status.ShouldBe(CheckStatus.UpdateAvailable);
        check.NewerTag.ShouldBe("1.5.0");
        check.Detail.ShouldNotBeNull().ShouldContain("'1.5.0'");
        check.Requests.ShouldBe(3, "the HEAD of the tag, one tag list and the HEAD of the newer tag");
        check.Sources.ShouldContain($"GET http://{servers.Registry.Host}/v2/{repository}/tags/list");
    }

    [Fact]
    public async Task Without_a_newer_tag_within_the_policy_the_image_is_up_to_date_and_the_detail_says_why()
    {
        var current = await PushManifestAsync(servers.Registry, repository, "linux/amd64", "3.1.0", tag: "3.1.0");
        await PushManifestAsync(servers.Registry, repository, "linux/amd64", "4.0.0", tag: "4.0.0");
        await ReportAsync(Container("web", "3.1.0", current.Digest, "linux/amd64", (PolicyLabels.Tag, "patch")));

        await Scan().RunAsync(Triggers.Timer, null, CancellationToken.None);

        var check = (await checks.GetAsync(Image("3.1.0"), CancellationToken.None)).ShouldNotBeNull();
        check.Status.ShouldBe(CheckStatus.UpToDate);
        check.NewerTag.ShouldBeNull();
        check.Detail.ShouldNotBeNull().ShouldContain("within a patch update");
    }

    /// <summary>Pushes an OCI index (amd64, arm64/v8, an attestation) under <paramref name="tag"/>; a new seed, new digests.</summary>
    private async Task<(Pushed Index, Pushed Arm64)> PushIndexAsync(string tag, string seed)
    {
        var amd64 = await PushManifestAsync(servers.Registry, repository, "linux/amd64", seed);
        var arm64 = await PushManifestAsync(servers.Registry, repository, Arm64, seed);
        var attestation = await PushAttestationAsync(servers.Registry, repository, arm64);
        var index = await RegistryUploads.PushIndexAsync(servers.Registry, repository, tag, OciIndex,
            new Entry(amd64, "linux/amd64"), new Entry(arm64, Arm64), new Entry(attestation, "unknown/unknown", AttestationFor: arm64));
        return (index, arm64);
    }

    private string Image(string tag) => $"{servers.Registry.Host}/{repository}:{tag}";

    private RegistryScan Scan()
    {
        var options = Options.Create(new DetectionOptions { RequestTimeoutSeconds = 10 });
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

    private Task ReportAsync(params ContainerRecord[] reported) => containers.ReplaceInventoryAsync(agent, reported, CancellationToken.None);

    private ContainerRecord Container(string name, string tag, string digest, string platform, params (string Key, string Value)[] labels)
    {
        var all = labels.ToDictionary(l => l.Key, l => l.Value);
        all[PolicyLabels.Enable] = "true";
        return new ContainerRecord(
            agent,
            name,
            Id: Guid.NewGuid().ToString("N"),
            Image(tag),
            ImageId: "sha256:" + new string('f', 64),
            RepoDigests: [$"{servers.Registry.Host}/{repository}@{digest}"],
            State: "running",
            Health: null,
            all,
            Created: DateTimeOffset.UtcNow.AddDays(-1),
            ReportedAt: DateTimeOffset.UtcNow,
            Platform: platform);
    }
}
