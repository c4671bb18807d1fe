using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// A configuration edit (env, labels, ports, mounts, restart policy) carried out by the update engine on the real
/// engine: the container is recreated on the image it runs with the change, gated, and put back exactly as it was
/// when the changed container fails.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Agent")]
public sealed class ConfigEditUpdateTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 3, HealthTimeoutSeconds: 15);

    // Serves like every test image, unless BREAK=yes: then it exits at once, as an app given a bad setting does.
    private static readonly TestImage BreaksOnSetting = new(
        "1.0", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1", "if [ x$BREAK = xyes ]; then echo bad setting; exit 5; fi; " + TestImage.ServeHttp);

    private readonly DockerScope scope = new("cfg");
    private DemoContainer demo = null!;
    private string digest = null!;

    public async Task InitializeAsync()
    {
        var repository = scope.Prefix + "/app";
        digest = await TestImages.PushAsync(servers.Registry, repository, "latest", BreaksOnSetting with { Version = $"1.0-{scope.Prefix}" });
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Applies_env_label_restart_policy_port_and_bind_mount_changes_on_the_same_image_and_the_container_is_healthy()
    {
        await demo.CreateAsync();
        var before = await demo.InspectAsync();
        var newPort = FreePort.Next();
        var hostDirectory = Directory.CreateTempSubdirectory("dockward-config-").FullName;
        await File.WriteAllTextAsync(Path.Combine(hostDirectory, "setting"), "on");
        var change = new ConfigChange(
            Env: new Dictionary<string, string?> { ["GREETING"] = "bonjour", ["MODE"] = null, ["EXTRA"] = "1" },
            Ports: [new PortMapping(8080, "tcp", "127.0.0.1", newPort)],
            Mounts: [new MountInfo("volume", demo.Volume, "/data", false), new MountInfo("bind", hostDirectory, "/config", true)],
            Labels: new Dictionary<string, string?> { ["team"] = "green", ["tier"] = "front" },
            RestartPolicy: new RestartPolicySpec("on-failure", 5));
        var steps = new RecordingStepReporter();

        var outcome = await EditAsync(change, steps);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.RunningDigest.ShouldBe(digest);
        var after = await demo.InspectAsync();
        after.ID.ShouldNotBe(before.ID, "the container was recreated");
        after.Image.ShouldBe(before.Image, "a configuration edit keeps the image");
        after.State.Running.ShouldBeTrue();
        after.State.Health.Status.ShouldBe("healthy");
        var env = after.Config.Env.Where(e => e.Split('=')[0] is "GREETING" or "MODE" or "EXTRA").ToList();
        env.ShouldBe(["GREETING=bonjour", "EXTRA=1"], "a set variable keeps its place, a new one goes last, a removed one is gone");
        after.Config.Labels["team"].ShouldBe("green");
        after.Config.Labels["tier"].ShouldBe("front");
        after.Config.Labels["dockward.enable"].ShouldBe("true", "labels the edit does not name stay");
        after.HostConfig.RestartPolicy.Name.ShouldBe(RestartPolicyKind.OnFailure);
        after.HostConfig.RestartPolicy.MaximumRetryCount.ShouldBe(5);
        after.HostConfig.PortBindings["8080/tcp"].Single().HostPort.ShouldBe(newPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        after.Mounts.ShouldContain(m => m.Type == "bind" && m.Source == hostDirectory && m.Destination == "/config" && !m.RW);
        after.Mounts.ShouldContain(m => m.Type == "volume" && m.Name == demo.Volume && m.Destination == "/data");
        after.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain("web", "what the edit does not touch is kept");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        (await http.GetStringAsync(new Uri($"http://127.0.0.1:{newPort}/"))).Trim().ShouldBe($"1.0-{scope.Prefix}");
        steps.Steps.Select(s => s.Step).ShouldNotContain("pull", "the image is on the host already");
    }

    [Fact]
    public async Task An_edit_that_makes_the_container_fail_its_gate_is_rolled_back_to_exactly_the_old_configuration()
    {
        var oldId = await demo.CreateAsync();
        var before = await demo.InspectAsync();

        var outcome = await EditAsync(new ConfigChange(
            Env: new Dictionary<string, string?> { ["BREAK"] = "yes" },
            RestartPolicy: new RestartPolicySpec("no")));

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        outcome.FailedStep.ShouldBe("gate");
        var after = await demo.InspectAsync();
        after.ID.ShouldBe(oldId);
        after.State.Running.ShouldBeTrue();
        after.Config.Env.ShouldBe(before.Config.Env);
        after.HostConfig.RestartPolicy.Name.ShouldBe(RestartPolicyKind.UnlessStopped);
        (await demo.GetPageAsync()).ShouldBe($"1.0-{scope.Prefix}");
        (await NamesLikeAsync(demo.Name)).ShouldBe([demo.Name], "the failed new container is removed");
    }

    [Fact]
    public async Task An_edit_the_engine_refuses_is_rolled_back_and_the_old_container_serves_on()
    {
        var oldId = await demo.CreateAsync();

        var outcome = await EditAsync(new ConfigChange(
            Mounts: [new MountInfo("bind", "/no/such/dir-" + scope.Prefix, "/config", false)]));

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        var after = await demo.InspectAsync();
        after.ID.ShouldBe(oldId);
        after.State.Running.ShouldBeTrue();
        after.HostConfig.Binds.ShouldBe([$"{demo.Volume}:/data"]);
    }

    [Fact]
    public async Task An_edit_for_a_container_that_runs_another_image_now_is_refused_without_changing_it()
    {
        var oldId = await demo.CreateAsync();

        var outcome = await EditAsync(new ConfigChange(Env: new Dictionary<string, string?> { ["EXTRA"] = "1" }), runningDigest: "sha256:" + new string('e', 64));

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("inspect");
        outcome.Reason.ShouldNotBeNull().ShouldContain("no longer runs");
        (await demo.InspectAsync()).ID.ShouldBe(oldId);
    }

    [Fact]
    public async Task An_agent_killed_after_creating_the_edited_container_recovers_from_its_journal_to_the_old_one()
    {
        var oldId = await demo.CreateAsync();
        var options = new AgentOptions { DataDirectory = Directory.CreateTempSubdirectory("dockward-agent-test-").FullName };
        var job = Job(new ConfigChange(Env: new Dictionary<string, string?> { ["GREETING"] = "bonjour" }), digest);
        var journal = Updaters.Journal(options).Begin(job);
        var dies = new DiesAtStep("start", StepStatus.Started);

        _ = Updaters.Updater(scope.Docker, options).UpdateAsync(journal, dies, CancellationToken.None);
        await dies.Reached.WaitAsync(TimeSpan.FromMinutes(1));

        var pending = Updaters.Journal(options).Pending().ShouldHaveSingleItem();
        pending.Job.Config.ShouldNotBeNull().Env!["GREETING"].ShouldBe("bonjour", "the edit is in the journal");
        var outcome = await Updaters.Recovery(scope.Docker, options).ResumeAsync(pending, new RecordingStepReporter(), CancellationToken.None);

        outcome.Outcome.ShouldBe(JobOutcome.Interrupted, outcome.Reason);
        var after = await demo.InspectAsync();
        after.ID.ShouldBe(oldId);
        after.State.Running.ShouldBeTrue();
        after.Config.Env.ShouldContain("GREETING=hello");
        (await NamesLikeAsync(demo.Name)).ShouldBe([demo.Name]);
    }

    [Fact]
    public async Task An_edit_of_a_container_on_an_image_known_only_by_its_id_here_uses_that_image_and_pulls_nothing()
    {
        // What a locally built image looks like to the control plane: a tag no registry has, so the job names the image id.
        var (repository, tag) = demo.ImageParts();
        await DockerHost.PullAsync(scope.Docker, repository, tag);
        var image = await scope.Docker.Images.InspectImageAsync(demo.Image);
        var local = $"{scope.Prefix}-local/app";
        await scope.Docker.Images.TagImageAsync(image.ID, new ImageTagParameters { RepositoryName = local, Tag = "dev" });
        try
        {
            var name = scope.Prefix + "local";
            var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = $"{local}:dev", Env = ["MODE=dev"] });
            await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            var options = new AgentOptions { DataDirectory = Directory.CreateTempSubdirectory("dockward-agent-test-").FullName };
            var journal = Updaters.Journal(options).Begin(new JobAssignment(
                Guid.NewGuid().ToString("N"), name, $"{local}:dev", image.ID, QuickGate, Config: new ConfigChange(Env: new Dictionary<string, string?> { ["EXTRA"] = "1" })));
            var steps = new RecordingStepReporter();

            var outcome = await Updaters.Updater(scope.Docker, options).UpdateAsync(journal, steps, CancellationToken.None);

            outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
            var after = await scope.Docker.Containers.InspectContainerAsync(name);
            after.ID.ShouldNotBe(created.ID);
            after.Image.ShouldBe(image.ID);
            after.Config.Image.ShouldBe($"{local}:dev");
            after.Config.Env.ShouldContain("MODE=dev");
            after.Config.Env.ShouldContain("EXTRA=1");
            steps.Steps.Select(s => s.Step).ShouldNotContain("pull");
        }
        finally
        {
            await scope.Docker.Images.DeleteImageAsync($"{local}:dev", new ImageDeleteParameters { Force = true });
        }
    }

    private JobAssignment Job(ConfigChange change, string runningDigest) =>
        new(Guid.NewGuid().ToString("N"), demo.Name, demo.Image, runningDigest, QuickGate, Config: change);

    private Task<UpdateOutcome> EditAsync(ConfigChange change, IStepReporter? steps = null, string? runningDigest = null)
    {
        var options = new AgentOptions { DataDirectory = Directory.CreateTempSubdirectory("dockward-agent-test-").FullName };
        var journal = Updaters.Journal(options).Begin(Job(change, runningDigest ?? digest));
        return Updaters.Updater(scope.Docker, options).UpdateAsync(journal, steps ?? new RecordingStepReporter(), CancellationToken.None);
    }

    private async Task<List<string>> NamesLikeAsync(string name)
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(name, StringComparison.Ordinal)).ToList();
    }
}
