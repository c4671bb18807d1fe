using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// A job with a <c>TargetImage</c> moves the container to a newer tag of its repository (<c>app:1.0</c> to
/// <c>app:1.1</c>): the new container runs the new reference; a rollback leaves the very same old container on the
/// old one.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class TagMoveTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("tag");
    private DemoContainer demo = null!;
    private string repository = null!;
    private string oldVersion = null!;
    private string oldDigest = null!;

    private string NewReference => $"{servers.Registry.Host}/{repository}:1.1";

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        oldVersion = $"1.0-{scope.Prefix}";
        oldDigest = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Healthy(oldVersion));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:1.0");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_container_moves_to_the_newer_tag_with_its_networks_volumes_and_labels()
    {
        var oldId = await demo.CreateAsync();
        var old = await demo.InspectAsync();
        var newVersion = $"1.1-{scope.Prefix}";
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "1.1", TestImage.Healthy(newVersion));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, targetImage: NewReference);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.RunningDigest.ShouldBe(newDigest);
        var updated = await demo.InspectAsync();
        updated.ID.ShouldNotBe(oldId);
        updated.Config.Image.ShouldBe(NewReference);
        updated.State.Running.ShouldBeTrue();
        updated.NetworkSettings.Networks.Keys.ShouldBe(old.NetworkSettings.Networks.Keys);
        updated.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain("web");
        updated.HostConfig.Binds.ShouldBe(old.HostConfig.Binds);
        updated.Config.Labels["team"].ShouldBe("blue");
        updated.Config.Env.ShouldContain("GREETING=hello");
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{repository}@{newDigest}");
        (await demo.GetPageAsync()).ShouldBe(newVersion);
        var oldTag = await scope.Docker.Images.InspectImageAsync(demo.Image);
        oldTag.ID.ShouldBe(old.Image, "the old tag still names the old image");
    }

    [Fact]
    public async Task A_broken_newer_tag_is_rolled_back_to_exactly_the_old_container_on_the_old_tag()
    {
        var oldId = await demo.CreateAsync();
        var old = await demo.InspectAsync();
        var bad = await TestImages.PushAsync(servers.Registry, repository, "1.1", TestImage.ExitsAtOnce($"1.1-broken-{scope.Prefix}"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, bad, QuickGate, targetImage: NewReference);

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        outcome.FailedStep.ShouldBe("gate");
        outcome.RunningDigest.ShouldBe(oldDigest);
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.Config.Image.ShouldBe(demo.Image);
        container.Image.ShouldBe(old.Image);
        container.State.Running.ShouldBeTrue();
        (await demo.GetPageAsync()).ShouldBe(oldVersion);
        (await scope.Docker.Images.InspectImageAsync(demo.Image)).ID.ShouldBe(old.Image);
        (await ContainerNamesAsync()).ShouldBe([demo.Name]);
    }

    [Fact]
    public async Task A_target_image_of_another_repository_is_refused_with_nothing_changed()
    {
        var oldId = await demo.CreateAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "1.1", TestImage.Healthy($"1.1-{scope.Prefix}"));
        var elsewhere = $"{servers.Registry.Host}/{scope.Prefix}/other:1.1";

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, targetImage: elsewhere);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldNotBeNull().ShouldContain($"{elsewhere} is not of the container's repository");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.Config.Image.ShouldBe(demo.Image);
        (await demo.GetPageAsync()).ShouldBe(oldVersion);
    }

    [Fact]
    public async Task Removing_previous_images_keeps_the_old_tags_image_while_another_container_runs_it()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string> { [OldImages.KeepLabel] = "0" });
        var old = await demo.InspectAsync();
        var sibling = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "sibling",
            Image = demo.Image,
            HostConfig = new HostConfig { NetworkMode = demo.Network },
        });
        await scope.Docker.Containers.StartContainerAsync(sibling.ID, new ContainerStartParameters());
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "1.1", TestImage.Healthy($"1.1-{scope.Prefix}"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, targetImage: NewReference);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.Reason.ShouldBeNull();
        (await demo.InspectAsync()).Config.Image.ShouldBe(NewReference);
        var stillThere = await scope.Docker.Images.InspectImageAsync(demo.Image);
        stillThere.ID.ShouldBe(old.Image, "the sibling still runs the old tag's image");
        (await scope.Docker.Containers.InspectContainerAsync(sibling.ID)).State.Running.ShouldBeTrue();
    }

    [Fact]
    public async Task An_agent_killed_during_the_gate_of_a_tag_move_is_recovered_to_the_old_container_on_the_old_tag()
    {
        var oldId = await demo.CreateAsync();
        var old = await demo.InspectAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "1.1", TestImage.Healthy($"1.1-{scope.Prefix}"));
        var options = new AgentOptions();
        var killed = new DiesAtStep("gate", StepStatus.Started);

        _ = Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, killed, options, targetImage: NewReference);
        await killed.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        (await demo.InspectAsync()).Config.Image.ShouldBe(NewReference, "the new container ran when the agent died");
        var outcome = await RecoverAsync(options);

        outcome.Outcome.ShouldBe(JobOutcome.Interrupted, outcome.Reason);
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.Config.Image.ShouldBe(demo.Image);
        container.State.Running.ShouldBeTrue();
        (await scope.Docker.Images.InspectImageAsync(demo.Image)).ID.ShouldBe(old.Image);
        (await demo.GetPageAsync()).ShouldBe(oldVersion);
        (await ContainerNamesAsync()).ShouldBe([demo.Name]);
    }

    [Fact]
    public async Task An_agent_killed_after_the_gate_of_a_tag_move_passed_is_recovered_by_finishing_the_move()
    {
        await demo.CreateAsync();
        var newVersion = $"1.1-{scope.Prefix}";
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "1.1", TestImage.Healthy(newVersion));
        var options = new AgentOptions();
        var killed = new DiesAtStep("cleanup", StepStatus.Started);

        _ = Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, killed, options, targetImage: NewReference);
        await killed.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        var outcome = await RecoverAsync(options);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        var container = await demo.InspectAsync();
        container.Config.Image.ShouldBe(NewReference);
        container.State.Running.ShouldBeTrue();
        (await demo.GetPageAsync()).ShouldBe(newVersion);
        (await ContainerNamesAsync()).ShouldBe([demo.Name], "the old container is removed");
    }

    private Task<UpdateOutcome> RecoverAsync(AgentOptions options)
    {
        var pending = Updaters.Journal(options).Pending().ShouldHaveSingleItem();
        pending.Job.TargetImage.ShouldBe(NewReference, "the journal keeps the target");
        return Updaters.Recovery(scope.Docker, options).ResumeAsync(pending, new RecordingStepReporter(), CancellationToken.None);
    }

    private async Task<List<string>> ContainerNamesAsync()
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(demo.Name, StringComparison.Ordinal)).ToList();
    }
}
