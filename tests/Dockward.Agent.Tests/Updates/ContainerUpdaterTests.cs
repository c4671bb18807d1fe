using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class ContainerUpdaterTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 3, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("upd");
    private DemoContainer demo = null!;
    private string repository = null!;
    private string firstDigest = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        firstDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("1.0"));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Updates_to_the_new_digest_keeping_name_env_port_volume_network_alias_and_labels()
    {
        await demo.CreateAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await UpdateAsync(newDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.RunningDigest.ShouldBe(newDigest);
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{repository}@{newDigest}");
        var container = await demo.InspectAsync();
        container.State.Running.ShouldBeTrue();
        container.Config.Image.ShouldBe(demo.Image);
        container.Config.Env.ShouldContain("GREETING=hello");
        container.Config.Env.ShouldContain("MODE=demo");
        container.Config.Labels["team"].ShouldBe("blue");
        container.HostConfig.Binds.ShouldContain($"{demo.Volume}:/data");
        container.HostConfig.RestartPolicy.Name.ShouldBe(RestartPolicyKind.UnlessStopped);
        container.HostConfig.PortBindings["8080/tcp"].Single().HostPort.ShouldBe(demo.HostPort.ToString());
        container.NetworkSettings.Networks.Keys.ShouldBe([demo.Network]);
        container.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain("web");
        (await demo.GetPageAsync()).ShouldBe("2.0");
        (await ContainersNamedLikeAsync(demo.Name)).ShouldBe([demo.Name], "the old container is removed");
    }

    [Fact]
    public async Task Takes_image_defaults_from_the_new_image_instead_of_freezing_the_old_ones()
    {
        await demo.CreateAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        (await UpdateAsync(newDigest)).Outcome.ShouldBe(JobOutcome.Succeeded);

        var env = (await demo.InspectAsync()).Config.Env;
        env.ShouldContain("APP_VERSION=2.0");
        env.ShouldNotContain("APP_VERSION=1.0");
    }

    [Fact]
    public async Task Leaves_a_stopped_container_stopped_on_the_new_image()
    {
        await demo.CreateAsync(start: false);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await UpdateAsync(newDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        (await demo.InspectAsync()).State.Running.ShouldBeFalse();
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{repository}@{newDigest}");
    }

    [Fact]
    public async Task Fails_without_changing_anything_when_the_container_does_not_exist()
    {
        var outcome = await UpdateAsync(firstDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldNotBeNull().ShouldContain(demo.Name);
    }

    [Fact]
    public async Task Refuses_a_container_started_with_rm_and_leaves_it_running()
    {
        var (repo, tag) = demo.ImageParts();
        await DockerHost.PullAsync(scope.Docker, repo, tag);
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = demo.Name,
            Image = demo.Image,
            HostConfig = new HostConfig { AutoRemove = true },
        });
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await UpdateAsync(newDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldNotBeNull().ShouldContain("--rm");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(created.ID);
        container.State.Running.ShouldBeTrue();
    }

    [Fact]
    public async Task Pulls_from_a_registry_that_needs_credentials_with_the_configured_login_and_rolls_back_without_it()
    {
        var secured = servers.SecuredRegistry;
        var login = new AuthConfig { ServerAddress = secured.Host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword };
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{secured.Host}/{repository}:latest");
        await demo.CreateAsync(login: login);
        // Pushed through the anonymous registry; the secured one serves the same storage.
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var anonymous = await UpdateAsync(newDigest);
        var withLogin = await UpdateAsync(newDigest, options: new AgentOptions
        {
            Registries = [new RegistryLogin { Host = secured.Host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword }],
        });

        anonymous.Outcome.ShouldBe(JobOutcome.RolledBack);
        anonymous.FailedStep.ShouldBe("pull");
        withLogin.Outcome.ShouldBe(JobOutcome.Succeeded, withLogin.Reason);
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{secured.Host}/{repository}@{newDigest}");
    }

    [Fact]
    public async Task Reports_every_step_in_order()
    {
        await demo.CreateAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));
        var steps = new RecordingStepReporter();

        await UpdateAsync(newDigest, steps);

        steps.Steps.Where(s => s.Status == StepStatus.Succeeded).Select(s => s.Step)
            .ShouldBe(["inspect", "pull", "stop", "rename", "create", "start", "gate", "cleanup"]);
    }

    private Task<UpdateOutcome> UpdateAsync(string digest, IStepReporter? steps = null, AgentOptions? options = null) =>
        Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, QuickGate, steps, options);

    private async Task<List<string>> ContainersNamedLikeAsync(string name)
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(name, StringComparison.Ordinal)).ToList();
    }
}
