using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;
using Xunit.Abstractions;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// Every way an update can fail on the real engine (pull, create, start, gate) ends the same way: rolled back,
/// with the step and a reason a person understands, and the very same old container running under its name
/// on its networks, with no new or aside container left behind.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class UpdateFaultTests(Servers servers, ITestOutputHelper output) : IAsyncLifetime
{
    // A failing gate ends as soon as it sees the fault: the long window only gives the faults that come after
    // the first healthy report time to happen inside it.
    private static readonly HealthGateSettings Gate = new(MonitorWindowSeconds: 20, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("flt");
    private string repository = null!;
    private string oldVersion = null!;
    private DemoContainer demo = null!;

    public Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        oldVersion = "1.0-" + scope.Prefix;
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Rolls_back_without_touching_the_container_when_the_digest_cannot_be_pulled()
    {
        var before = await CreateOldAsync();

        var outcome = await UpdateAsync("sha256:" + new string('e', 64));

        ShouldBeRolledBack(outcome, "pull", "not found");
        await ShouldBeTheOldContainerAgainAsync(before, neverStopped: true);
    }

    [Fact]
    public async Task Rolls_back_without_touching_the_container_when_the_registry_is_stopped_before_the_pull()
    {
        // Stopped after the push and before the update, not during the pull: a stop timed to land mid-download
        // would not be deterministic (the next test breaks a pull part-way instead).
        await WithOwnRegistryAsync(async (registry, _) =>
        {
            var before = await CreateOldAsync(registry);
            var newDigest = await TestImages.PushAsync(registry, repository, "latest", TestImage.Healthy("2.0-" + scope.Prefix));
            await registry.StopAsync();

            var outcome = await UpdateAsync(newDigest);

            ShouldBeRolledBack(outcome, "pull", "connection refused", registry.Host);
            await ShouldBeTheOldContainerAgainAsync(before, neverStopped: true);
        });
    }

    [Fact]
    public async Task Rolls_back_without_touching_the_container_when_a_layer_of_the_new_image_cannot_be_downloaded()
    {
        // A pull that breaks off part-way, deterministically: the registry serves the new manifest, but the
        // layer only the new release has is gone from its storage.
        await WithOwnRegistryAsync(async (registry, storage) =>
        {
            var before = await CreateOldAsync(registry);
            var newDigest = await TestImages.PushAsync(registry, repository, "latest", TestImage.Healthy("2.0-" + scope.Prefix));
            var layer = await TopLayerAsync(registry, newDigest);
            File.Delete(Path.Combine(storage, "docker", "registry", "v2", "blobs", "sha256", layer[7..9], layer[7..], "data"));

            var outcome = await UpdateAsync(newDigest);

            ShouldBeRolledBack(outcome, "pull", "failed: unknown blob");
            await ShouldBeTheOldContainerAgainAsync(before, neverStopped: true);
        });
    }

    [Fact]
    public async Task Rolls_back_when_the_engine_refuses_to_create_the_new_container()
    {
        // The old container took its volumes from a data container that has been removed since: the old one
        // still runs (its mounts were set up when it was created), but the engine refuses a new container that
        // names the missing one in VolumesFrom.
        await PushAndPullOldImageAsync();
        var dataContainer = scope.Prefix + "data";
        await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = dataContainer,
            Image = demo.Image,
            Volumes = new Dictionary<string, EmptyStruct> { ["/shared"] = default },
        });
        var before = await CreateOldCustomAsync(host => host.VolumesFrom = [dataContainer]);
        await scope.Docker.Containers.RemoveContainerAsync(dataContainer, new ContainerRemoveParameters());
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "create", "No such container", dataContainer);
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_engine_cannot_start_the_new_container()
    {
        // The new release names a USER its image has no passwd entry for: the engine creates the container
        // and only finds out when it sets up the process at start.
        var before = await CreateOldAsync();
        var newDigest = await PushImageWithMissingUserAsync("2.0-" + scope.Prefix);

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "start", "unable to find user ghost");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_new_image_exits_at_once()
    {
        var before = await CreateOldAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.ExitsAtOnce("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "gate", "exited with code 3");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_new_container_crash_loops_under_its_restart_policy()
    {
        // No HEALTHCHECK: it runs, so only the monitor window can catch it, through the restart count.
        var before = await CreateOldAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.CrashesAfterASecond("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "gate", "exited with code 2 and was restarted by its restart policy", "monitor window");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_new_container_never_turns_healthy()
    {
        var before = await CreateOldAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.NeverHealthy("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "gate", "HEALTHCHECK reported unhealthy");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_new_container_turns_unhealthy_inside_the_monitor_window()
    {
        var before = await CreateOldAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.TurnsUnhealthy("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "gate", "turned unhealthy", "after it was healthy, inside the 20 s monitor window");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_new_container_exits_inside_the_monitor_window_after_being_healthy()
    {
        var before = await CreateOldAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.ExitsAfterTurningHealthy("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "gate", "exited with code 4", "after it turned healthy (monitor window 20 s)");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    [Fact]
    public async Task Rolls_back_when_the_new_container_is_killed_for_running_out_of_memory()
    {
        // The container's memory limit (kept by the new container) is plenty for the old release; the new one
        // takes memory until the kernel kills it.
        const long limit = 16 * 1024 * 1024;
        await PushAndPullOldImageAsync();
        var before = await CreateOldCustomAsync(host => (host.Memory, host.MemorySwap) = (limit, limit));
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.RunsOutOfMemory("2.0-" + scope.Prefix));

        var outcome = await UpdateAsync(newDigest);

        ShouldBeRolledBack(outcome, "gate", "killed for running out of memory (OOM)", "monitor window");
        await ShouldBeTheOldContainerAgainAsync(before);
    }

    private Task<UpdateOutcome> UpdateAsync(string digest) => Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, Gate);

    private Task<string> PushOldImageAsync(RegistryServer registry) =>
        TestImages.PushAsync(registry, repository, "latest", TestImage.Healthy(oldVersion));

    /// <summary>
    /// Runs <paramref name="test"/> with the demo on a registry of the test's own (storage folder included), so
    /// that the test can stop it or break its storage; the registry is stopped and the folder removed after.
    /// </summary>
    private async Task WithOwnRegistryAsync(Func<RegistryServer, string, Task> test)
    {
        var storage = Directory.CreateTempSubdirectory("dockward-registry-data-").FullName;
        try
        {
            await using var registry = await RegistryServer.StartAsync(storage);
            demo = new DemoContainer(scope.Docker, scope.Prefix, $"{registry.Host}/{repository}:latest");
            await test(registry, storage);
        }
        finally
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    /// <summary>The digest of the last layer of a manifest (the one the Dockerfile's own RUN made), read from the registry.</summary>
    private async Task<string> TopLayerAsync(RegistryServer registry, string digest)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{registry.Host}/v2/{repository}/manifests/{digest}"));
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return manifest.RootElement.GetProperty("layers").EnumerateArray().Last().GetProperty("digest").GetString()!;
    }

    /// <summary>For a container the test creates itself: the old image in the registry and on the engine.</summary>
    private async Task PushAndPullOldImageAsync()
    {
        await PushOldImageAsync(servers.Registry);
        var (repo, tag) = demo.ImageParts();
        await DockerHost.PullAsync(scope.Docker, repo, tag);
    }

    /// <summary>The demo container on a healthy old image, running and serving; returns it as it is before the update.</summary>
    private async Task<ContainerInspectResponse> CreateOldAsync(RegistryServer? registry = null)
    {
        await PushOldImageAsync(registry ?? servers.Registry);
        await demo.CreateAsync();
        await Wait.UntilAsync("the old container to serve", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == oldVersion);
        return await demo.InspectAsync();
    }

    /// <summary>A container shaped like the demo (network with alias, published port, unless-stopped) with host settings of the test's own.</summary>
    private async Task<ContainerInspectResponse> CreateOldCustomAsync(Action<HostConfig> customize)
    {
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = demo.Network });
        var host = new HostConfig
        {
            PortBindings = new Dictionary<string, IList<PortBinding>> { ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = demo.HostPort.ToString() }] },
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            NetworkMode = demo.Network,
        };
        customize(host);
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = demo.Name,
            Image = demo.Image,
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["8080/tcp"] = default },
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = host,
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [demo.Network] = new EndpointSettings { Aliases = ["web"] } },
            },
        });
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        await Wait.UntilAsync("the old container to serve", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == oldVersion);
        return await demo.InspectAsync();
    }

    /// <summary>
    /// Pushes, as the demo's tag, an image whose USER has no entry in its /etc/passwd (FROM a good image, so
    /// only that differs). TestImage has no USER setting, so this one image is built here.
    /// </summary>
    private async Task<string> PushImageWithMissingUserAsync(string version)
    {
        var baseTag = "base-" + version;
        var baseReference = $"{servers.Registry.Host}/{repository}:{baseTag}";
        await TestImages.PushAsync(servers.Registry, repository, baseTag, TestImage.Healthy(version));
        var context = Directory.CreateTempSubdirectory("dockward-image-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {baseReference}\nUSER ghost\n");
            await DockerCliAsync("build", "-q", "-t", demo.Image, context);
            var push = await DockerCliAsync("push", demo.Image);
            await DockerCliAsync("rmi", demo.Image, baseReference);
            var digest = push.Split([' ', '\n']).FirstOrDefault(word => word.StartsWith("sha256:", StringComparison.Ordinal));
            return digest ?? throw new InvalidOperationException($"docker push printed no digest: {push}");
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private static async Task<string> DockerCliAsync(params string[] arguments)
    {
        await using var process = ServerProcess.Start("/usr/bin/docker", arguments, new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "0" });
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return exit == 0 ? process.Output : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({exit}): {process.Output}");
    }

    /// <summary>Rolled back at <paramref name="step"/>, with a reason that says what went wrong in each of <paramref name="reasonParts"/>.</summary>
    private void ShouldBeRolledBack(UpdateOutcome outcome, string step, params string[] reasonParts)
    {
        outcome.Outcome.ShouldBe(JobOutcome.RolledBack, outcome.Reason);
        outcome.FailedStep.ShouldBe(step, outcome.Reason);
        var reason = outcome.Reason.ShouldNotBeNull();
        output.WriteLine($"rolled back at {outcome.FailedStep}: {reason}");
        foreach (var part in reasonParts)
        {
            reason.ShouldContain(part, Case.Insensitive);
        }
    }

    /// <summary>
    /// The very container from before runs again: same id, name, image, networks and aliases, serving its old
    /// page; the tag points at the old image; no new or aside container is left (an aside name starts with the
    /// container's own name).
    /// </summary>
    private async Task ShouldBeTheOldContainerAgainAsync(ContainerInspectResponse before, bool neverStopped = false)
    {
        var after = await demo.InspectAsync();
        after.ID.ShouldBe(before.ID);
        after.Name.ShouldBe(before.Name);
        after.Image.ShouldBe(before.Image, "it runs its old image");
        after.State.Running.ShouldBeTrue();
        if (neverStopped)
        {
            after.State.StartedAt.ShouldBe(before.State.StartedAt, "a failed pull comes before the old container is stopped");
        }

        after.NetworkSettings.Networks.Keys.Order(StringComparer.Ordinal).ShouldBe(before.NetworkSettings.Networks.Keys.Order(StringComparer.Ordinal));
        foreach (var (network, endpoint) in before.NetworkSettings.Networks)
        {
            (after.NetworkSettings.Networks[network].Aliases ?? []).Order(StringComparer.Ordinal).ShouldBe((endpoint.Aliases ?? []).Order(StringComparer.Ordinal), $"aliases on {network}");
        }

        // Never left on the new image. It may be absent: pushing the new image removed the local tag, and a
        // pull that failed never put it back.
        var tagged = await TaggedImageAsync();
        if (tagged is not null)
        {
            tagged.ShouldBe(before.Image, "the tag points at the old image again");
        }

        (await ContainersNamedLikeAsync(demo.Name)).ShouldBe([demo.Name], "no leftover new or aside container");
        await Wait.UntilAsync("the restored container to serve", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == oldVersion);
    }

    private async Task<string?> TaggedImageAsync()
    {
        try
        {
            return (await scope.Docker.Images.InspectImageAsync(demo.Image)).ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    private async Task<List<string>> ContainersNamedLikeAsync(string name)
    {
        var all = await scope.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(name, StringComparison.Ordinal)).ToList();
    }
}
