using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// Containers started in another container's namespaces (<c>--network/--pid/--ipc container:X</c>) follow X to
/// its new container: the update of X, with the real updater, recreates them once X passed its gate, or restarts
/// them into the restored X after a rollback.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class NamespaceDependentTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("nsd");
    private DemoContainer demo = null!;
    private string repository = null!;
    private string sidecarImage = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"1.0-{scope.Prefix}"));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
        // A sidecar that idles and stops at once on SIGTERM; its own repository, so updating the app never moves its tag.
        await TestImages.PushAsync(servers.Registry, scope.Prefix + "/side", "1", new TestImage($"side-{scope.Prefix}", Command: "trap 'exit 0' TERM; while true; do sleep 1; done"));
        sidecarImage = $"{servers.Registry.Host}/{scope.Prefix}/side:1";
        await DockerHost.PullAsync(scope.Docker, $"{servers.Registry.Host}/{scope.Prefix}/side", "1");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_sidecar_in_the_network_of_an_updated_container_reaches_the_new_container_again()
    {
        await demo.CreateAsync();
        var sidecar = await SidecarAsync("side", network: demo.Name);
        (await ExecAsync(sidecar, "wget -qO- http://127.0.0.1:8080/")).Output.ShouldBe($"1.0-{scope.Prefix}");
        (await FindAsync()).Select(c => c.ID).ShouldBe([sidecar]);

        var outcome = await UpdateAppAsync("2.0");

        outcome.Reason.ShouldBeNull();
        var now = await scope.Docker.Containers.InspectContainerAsync(Name("side"));
        now.ID.ShouldNotBe(sidecar, "left in the old container's namespace it would have lost its network: it is recreated");
        now.State.Running.ShouldBeTrue();
        now.HostConfig.NetworkMode.ShouldBe($"container:{(await demo.InspectAsync()).ID}");
        (await ExecAsync(now.ID, "wget -qO- http://127.0.0.1:8080/")).Output.ShouldBe($"2.0-{scope.Prefix}");
        (await NamesAsync()).ShouldBe(new[] { demo.Name, Name("side") }.Order(StringComparer.Ordinal), "no aside copy is left");
    }

    [Fact]
    public async Task Pid_and_ipc_namespaces_are_taken_from_the_new_container()
    {
        // Another container may only join X's IPC namespace when X made it shareable.
        await CreateAppAsync(host => host.IpcMode = "shareable");
        var dependent = await SidecarAsync("peer", pid: demo.Name, ipc: demo.Name);
        (await FindAsync()).Select(c => c.ID).ShouldBe([dependent]);

        await UpdateAppAsync("2.0");

        var app = await demo.InspectAsync();
        var now = await scope.Docker.Containers.InspectContainerAsync(Name("peer"));
        now.ID.ShouldNotBe(dependent);
        now.State.Running.ShouldBeTrue("it was running before X's update (stopping X ended it with X's pid namespace)");
        now.HostConfig.PidMode.ShouldBe($"container:{app.ID}");
        now.HostConfig.IpcMode.ShouldBe($"container:{app.ID}");
        (await ExecAsync(now.ID, "readlink /proc/self/ns/pid; readlink /proc/self/ns/ipc")).Output.ShouldBe((await ExecAsync(app.ID, "readlink /proc/self/ns/pid; readlink /proc/self/ns/ipc")).Output);
        (await ExecAsync(now.ID, "ps")).Output.ShouldContain("httpd");
    }

    [Fact]
    public async Task A_stopped_dependent_is_recreated_against_the_new_container_and_stays_stopped()
    {
        await demo.CreateAsync();
        var sidecar = await SidecarAsync("side", network: demo.Name, start: false);

        await UpdateAppAsync("2.0");

        var now = await scope.Docker.Containers.InspectContainerAsync(Name("side"));
        now.ID.ShouldNotBe(sidecar);
        now.State.Running.ShouldBeFalse();
        now.State.StartedAt.ShouldStartWith("0001-01-01", customMessage: "never started");
        now.HostConfig.NetworkMode.ShouldBe($"container:{(await demo.InspectAsync()).ID}");
    }

    [Fact]
    public async Task A_chain_of_dependents_is_recreated_in_order_each_against_the_new_container_before_it()
    {
        await demo.CreateAsync();
        // Named so that alphabetical order would be the wrong one.
        var first = await SidecarAsync("zeta", network: demo.Name);
        var second = await SidecarAsync("alpha", network: Name("zeta"));
        (await FindAsync()).Select(c => c.ID).ShouldBe([first, second]);

        await UpdateAppAsync("2.0");

        var zeta = await scope.Docker.Containers.InspectContainerAsync(Name("zeta"));
        var alpha = await scope.Docker.Containers.InspectContainerAsync(Name("alpha"));
        zeta.HostConfig.NetworkMode.ShouldBe($"container:{(await demo.InspectAsync()).ID}");
        alpha.HostConfig.NetworkMode.ShouldBe($"container:{zeta.ID}");
        (await ExecAsync(alpha.ID, "wget -qO- http://127.0.0.1:8080/")).Output.ShouldBe($"2.0-{scope.Prefix}");
    }

    [Fact]
    public async Task A_dependent_that_cannot_be_recreated_is_put_back_as_it_was_and_reported_while_the_others_go_ahead()
    {
        await demo.CreateAsync();
        await SidecarAsync("side", network: demo.Name);
        var folder = Directory.CreateTempSubdirectory("dockward-nsd-").FullName;
        var broken = await SidecarAsync("broken", network: demo.Name, start: false, bindSource: folder);
        var old = await demo.InspectAsync();
        // The engine refuses to create a container whose bind source is missing: the old one can still be kept.
        Directory.Delete(folder);

        var outcome = await UpdateAppAsync("2.0");

        outcome.Reason.ShouldNotBeNull().ShouldContain(Name("broken"));
        outcome.Reason.ShouldContain("bind source path does not exist");
        var kept = await scope.Docker.Containers.InspectContainerAsync(Name("broken"));
        kept.ID.ShouldBe(broken);
        kept.State.Running.ShouldBeFalse();
        kept.HostConfig.NetworkMode.ShouldBe($"container:{old.ID}", "it is back exactly as it was");
        (await ExecAsync(Name("side"), "wget -qO- http://127.0.0.1:8080/")).Output.ShouldBe($"2.0-{scope.Prefix}");
        (await NamesAsync()).ShouldBe(new[] { demo.Name, Name("broken"), Name("side") }.Order(StringComparer.Ordinal), "no aside copy is left");
    }

    [Fact]
    public async Task A_dependent_on_the_updated_containers_own_tag_keeps_its_image_instead_of_being_upgraded()
    {
        await demo.CreateAsync();
        var sidecar = await SidecarAsync("side", network: demo.Name, image: demo.Image);
        var ownImage = (await scope.Docker.Containers.InspectContainerAsync(sidecar)).Image;

        var outcome = await UpdateAppAsync("2.0");

        outcome.Reason.ShouldNotBeNull().ShouldContain("now names another image");
        var now = await scope.Docker.Containers.InspectContainerAsync(Name("side"));
        now.ID.ShouldNotBe(sidecar);
        now.Image.ShouldBe(ownImage);
        (await ExecAsync(now.ID, "cat /version")).Output.ShouldBe($"1.0-{scope.Prefix}");
    }

    [Fact]
    public async Task When_the_update_is_rolled_back_a_running_sidecar_is_restarted_into_the_restored_containers_network()
    {
        var oldId = await demo.CreateAsync();
        var sidecar = await SidecarAsync("side", network: demo.Name);
        var stopped = await SidecarAsync("idle", network: demo.Name, start: false);
        var broken = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.ExitsAtOnce($"2.0-{scope.Prefix}"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, broken, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        (await demo.InspectAsync()).ID.ShouldBe(oldId);
        // The restored container has new namespaces: the sidecar, restarted, sits in them.
        (await ExecAsync(sidecar, "wget -qO- http://127.0.0.1:8080/")).Output.ShouldBe($"1.0-{scope.Prefix}");
        (await scope.Docker.Containers.InspectContainerAsync(stopped)).State.Running.ShouldBeFalse();
    }

    private string Name(string stem) => scope.Prefix + stem;

    private async Task<IReadOnlyList<ContainerInspectResponse>> FindAsync() =>
        await Updaters.Dependents(scope.Docker).FindAsync(await demo.InspectAsync(), CancellationToken.None);

    private async Task<UpdateOutcome> UpdateAppAsync(string version)
    {
        var digest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"{version}-{scope.Prefix}"));
        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, QuickGate);
        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        return outcome;
    }

    /// <summary>The app container with a host config of the test's making, started.</summary>
    private async Task CreateAppAsync(Action<HostConfig> configure)
    {
        var (repo, tag) = demo.ImageParts();
        await DockerHost.PullAsync(scope.Docker, repo, tag);
        var host = new HostConfig();
        configure(host);
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = demo.Name,
            Image = demo.Image,
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = host,
        });
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
    }

    private async Task<string> SidecarAsync(
        string stem, string? network = null, string? pid = null, string? ipc = null, bool start = true, string? bindSource = null, string? image = null)
    {
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = Name(stem),
            Image = image ?? sidecarImage,
            Cmd = image is null ? null : ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"],
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = new HostConfig
            {
                NetworkMode = network is null ? null : $"container:{network}",
                PidMode = pid is null ? null : $"container:{pid}",
                IpcMode = ipc is null ? null : $"container:{ipc}",
                Mounts = bindSource is null ? null : [new Mount { Type = "bind", Source = bindSource, Target = "/data" }],
            },
        });
        if (start)
        {
            await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        }

        return created.ID;
    }

    /// <summary>Runs a command in a running container, as <c>docker exec</c> does.</summary>
    private async Task<(long ExitCode, string Output)> ExecAsync(string container, string command)
    {
        var exec = await scope.Docker.Exec.ExecCreateContainerAsync(
            container, new ContainerExecCreateParameters { Cmd = ["sh", "-c", command], AttachStdout = true, AttachStderr = true });
        using var stream = await scope.Docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        var result = await scope.Docker.Exec.InspectContainerExecAsync(exec.ID);
        return (result.ExitCode, (stdout + stderr).Trim());
    }

    private async Task<IEnumerable<string>> NamesAsync() =>
        (await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }))
            .SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(scope.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}
