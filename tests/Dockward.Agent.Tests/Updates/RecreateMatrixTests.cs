using System.Globalization;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// A matrix of containers set up the ways users run them, each updated on the real engine: afterwards the new
/// container's normalised inspect is the old one's but for its image and ids, and after a forced rollback the
/// old container is back exactly as it was. <see cref="InspectSnapshot"/> names every field left out and why.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class RecreateMatrixTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);

    /// <summary>A command that serves HTTP, stops cleanly on SIGTERM, and refuses to run on the broken release.</summary>
    private static readonly string[] RefusesBrokenRelease =
        ["sh", "-c", "grep -qv broken /version || exit 3; trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"];

    /// <summary>The three releases every case goes through, pushed once for the whole class (the cases run one at a time).</summary>
    private static readonly SemaphoreSlim Pushing = new(1, 1);
    private static Releases? releases;

    private readonly DockerScope scope = new("mx");
    private string repository = null!;
    private string secondDigest = null!;
    private string brokenDigest = null!;

    private string Subject => scope.Prefix + "subject";

    private string Image => $"{servers.Registry.Host}/{repository}:1";

    public async Task InitializeAsync()
    {
        (repository, secondDigest, brokenDigest) = await ReleasesAsync(servers.Registry);
        // An earlier case's update moved the local tag to release 2: every case starts from release 1.
        await DockerHost.PullAsync(scope.Docker, $"{servers.Registry.Host}/{repository}", "1");
    }

    public async Task DisposeAsync()
    {
        // Anonymous volumes re-attached by name are no longer removed with their container: collect them first.
        var volumes = await AnonymousVolumesOfAsync(Subject);
        await scope.DisposeAsync();
        using var docker = DockerHost.Connect();
        foreach (var volume in volumes)
        {
            try
            {
                await docker.Volumes.RemoveAsync(volume, force: true);
            }
            catch (global::Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Another container's anonymous volume (volumes-from), removed with it.
            }
        }
    }

    [Fact]
    public async Task Keeps_every_network_with_its_aliases_static_and_link_local_addresses_links_driver_options_and_the_users_mac()
    {
        var (front, back, side) = (scope.Prefix + "front", scope.Prefix + "back", scope.Prefix + "side");
        var frontSubnet = await CreateNetworkAsync(front, ipv6: true);
        var backSubnet = await CreateNetworkAsync(back, ipv6: false);
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = side });
        var peer = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "peer",
            Image = Image,
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = new HostConfig { NetworkMode = side },
        });
        await scope.Docker.Containers.StartContainerAsync(peer.ID, new ContainerStartParameters());

        var parameters = new CreateContainerParameters
        {
            // API 1.41 takes the user's MAC in Config, for the network the container is created on.
            MacAddress = "02:42:ac:1e:00:99",
            HostConfig = new HostConfig { NetworkMode = front },
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [front] = new()
                    {
                        Aliases = ["web", "www"],
                        IPAMConfig = new EndpointIPAMConfig { IPv4Address = frontSubnet.IPv4(10), IPv6Address = frontSubnet.IPv6(10), LinkLocalIPs = ["169.254.10.10"] },
                    },
                },
            },
        };

        var (before, after) = await RoundTripAsync(parameters, beforeStart: async id =>
        {
            await scope.Docker.Networks.ConnectNetworkAsync(back, new NetworkConnectParameters
            {
                Container = id,
                EndpointConfig = new EndpointSettings { Aliases = ["api"], IPAMConfig = new EndpointIPAMConfig { IPv4Address = backSubnet.IPv4(20) } },
            });
            await scope.Docker.Networks.ConnectNetworkAsync(side, new NetworkConnectParameters
            {
                Container = id,
                EndpointConfig = new EndpointSettings { Aliases = ["side"], Links = [$"{scope.Prefix}peer:cache"], DriverOpts = new Dictionary<string, string> { ["com.example.endpoint"] = "on" } },
            });
        });

        // Spelled out besides the snapshot: what a user would check by hand.
        var networks = after.NetworkSettings.Networks;
        networks[front].IPAddress.ShouldBe(frontSubnet.IPv4(10));
        networks[front].GlobalIPv6Address.ShouldBe(frontSubnet.IPv6(10));
        networks[front].MacAddress.ShouldBe("02:42:ac:1e:00:99");
        networks[back].IPAddress.ShouldBe(backSubnet.IPv4(20));
        networks[side].Links.ShouldBe([$"{scope.Prefix}peer:cache"]);
        networks.Values.SelectMany(n => n.Aliases ?? []).ShouldNotContain(before.ID[..12]);
    }

    [Fact]
    public async Task Keeps_named_and_anonymous_volumes_binds_with_their_options_and_tmpfs()
    {
        var folder = Directory.CreateTempSubdirectory("dockward-bind-").FullName;
        try
        {
            var parameters = new CreateContainerParameters
            {
                // An anonymous volume as `-v /cache` makes it.
                Volumes = new Dictionary<string, EmptyStruct> { ["/cache"] = default },
                HostConfig = new HostConfig
                {
                    // This machine's / is a private mount, so the propagation the engine accepts for a bind of it is a private one.
                    Binds = [$"{scope.Prefix}named:/data", $"{folder}:/host:ro,private"],
                    Mounts =
                    [
                        new Mount { Type = "volume", Target = "/scratch" },
                        new Mount { Type = "volume", Source = scope.Prefix + "nocopy", Target = "/nocopy", VolumeOptions = new VolumeOptions { NoCopy = true } },
                        new Mount { Type = "bind", Source = folder, Target = "/host-rw", BindOptions = new BindOptions { Propagation = "rprivate" } },
                        new Mount { Type = "tmpfs", Target = "/run/fast", TmpfsOptions = new TmpfsOptions { SizeBytes = 16 * 1024 * 1024, Mode = Convert.ToUInt32("1770", 8) } },
                    ],
                    Tmpfs = new Dictionary<string, string> { ["/run/small"] = "size=8m,mode=1777" },
                },
            };

            var (before, after) = await RoundTripAsync(parameters);

            foreach (var destination in new[] { "/cache", "/scratch" })
            {
                after.Mounts.Single(m => m.Destination == destination).Name.ShouldBe(before.Mounts.Single(m => m.Destination == destination).Name);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Keeps_what_the_user_set_over_the_image_and_leaves_the_images_defaults_to_the_new_image()
    {
        var parameters = new CreateContainerParameters
        {
            Env = ["GREETING=hello", "MODE=matrix"],
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = [RefusesBrokenRelease[2]],
            WorkingDir = "/www",
            User = "1000:1000",
            StopSignal = "SIGTERM",
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["9090/tcp"] = default },
            Labels = new Dictionary<string, string>
            {
                ["team"] = "blue",
                ["com.docker.compose.project"] = scope.Prefix,
                ["com.docker.compose.service"] = "web",
                ["com.docker.compose.container-number"] = "1",
                ["com.docker.compose.oneoff"] = "False",
                ["com.docker.compose.config-hash"] = "0123456789abcdef",
                ["com.docker.compose.version"] = "2.29.7",
            },
            Healthcheck = new HealthConfig
            {
                Test = ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"],
                Interval = TimeSpan.FromSeconds(1),
                Timeout = TimeSpan.FromSeconds(2),
                Retries = 3,
            },
            HostConfig = new HostConfig(),
        };

        var (_, after) = await RoundTripAsync(parameters);

        after.Config.Env.ShouldContain(e => e.StartsWith("APP_VERSION=2.0-", StringComparison.Ordinal), "the image's own variable follows the new image");
        after.Config.Cmd.ShouldBe([RefusesBrokenRelease[2]]);
    }

    [Fact]
    public async Task Keeps_the_images_entrypoint_and_cmd_as_the_new_image_has_them()
    {
        var (before, after) = await RoundTripAsync(new CreateContainerParameters { Env = ["ONLY=this"], HostConfig = new HostConfig() });

        after.Config.Cmd.ShouldBe(before.Config.Cmd);
        after.Config.Env.Count(e => e.StartsWith("PATH=", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Keeps_the_whole_host_config_restart_policy_resources_capabilities_ulimits_sysctls_logs_dns_hosts_init_shm_security_and_devices()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var parameters = new CreateContainerParameters
        {
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>> { ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = port }] },
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = 3 },
                Memory = 64 * 1024 * 1024,
                CPUShares = 512,
                PidsLimit = 100,
                CapAdd = ["NET_ADMIN"],
                CapDrop = ["MKNOD"],
                Ulimits = [new Ulimit { Name = "nofile", Soft = 1024, Hard = 2048 }],
                Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "1024" },
                LogConfig = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "1m", ["max-file"] = "2" } },
                ExtraHosts = ["db.internal:10.1.2.3"],
                DNS = ["10.0.0.53"],
                DNSSearch = ["example.internal"],
                DNSOptions = ["ndots:2"],
                Init = true,
                ShmSize = 128 * 1024 * 1024,
                SecurityOpt = ["no-new-privileges:true"],
                Devices = [new DeviceMapping { PathOnHost = "/dev/null", PathInContainer = "/dev/mynull", CgroupPermissions = "rwm" }],
                OomScoreAdj = 100,
                GroupAdd = ["29"],
            },
        };

        var (_, after) = await RoundTripAsync(parameters);

        after.HostConfig.Devices.ShouldHaveSingleItem().PathInContainer.ShouldBe("/dev/mynull");
        after.HostConfig.Init.ShouldBe(true);
        after.NetworkSettings.Ports["8080/tcp"].ShouldHaveSingleItem().HostPort.ShouldBe(port);
    }

    [Fact]
    public async Task Keeps_namespace_modes_privileges_a_read_only_root_and_volumes_from()
    {
        var donor = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "donor",
            Image = Image,
            Volumes = new Dictionary<string, EmptyStruct> { ["/shared"] = default },
            HostConfig = new HostConfig { Binds = [$"{scope.Prefix}donated:/donated"] },
        });

        var (_, after) = await RoundTripAsync(new CreateContainerParameters
        {
            HostConfig = new HostConfig
            {
                VolumesFrom = [$"{scope.Prefix}donor:ro"],
                PidMode = "host",
                IpcMode = "shareable",
                UTSMode = "host",
                UsernsMode = "host",
                // Privileged is not in the matrix: this machine's engine runs nested and cannot start a privileged container.
                ReadonlyRootfs = true,
                Runtime = "runc",
            },
        });

        after.Mounts.Single(m => m.Destination == "/shared").Name.ShouldBe((await scope.Docker.Containers.InspectContainerAsync(donor.ID)).Mounts.Single(m => m.Destination == "/shared").Name);
    }

    [Fact]
    public async Task Keeps_the_host_network()
    {
        // The host's port 8080 is not this test's to take: the subject only sleeps.
        var (_, after) = await RoundTripAsync(new CreateContainerParameters
        {
            Cmd = ["sh", "-c", "grep -qv broken /version || exit 3; trap 'exit 0' TERM; sleep 3600 & wait"],
            HostConfig = new HostConfig { NetworkMode = "host" },
        });

        after.NetworkSettings.Networks.Keys.ShouldBe(["host"]);
    }

    [Fact]
    public async Task Keeps_a_stopped_container_stopped()
    {
        // No rollback is forced here: a stopped container is not started, so no gate could fail.
        var (_, after) = await RoundTripAsync(new CreateContainerParameters { HostConfig = new HostConfig() }, start: false, rollBack: false);

        after.State.Running.ShouldBeFalse();
    }

    [Fact]
    public async Task Keeps_sharing_another_containers_network_namespace()
    {
        var owner = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "netowner",
            Image = Image,
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = new HostConfig { ExtraHosts = ["shared.internal:10.9.8.7"] },
        });
        await scope.Docker.Containers.StartContainerAsync(owner.ID, new ContainerStartParameters());

        // The subject serves nothing itself: the namespace's port 8080 is the owner's.
        var (_, after) = await RoundTripAsync(new CreateContainerParameters
        {
            Cmd = ["sh", "-c", "grep -qv broken /version || exit 3; trap 'exit 0' TERM; sleep 3600 & wait"],
            HostConfig = new HostConfig { NetworkMode = "container:" + owner.ID },
        });

        after.HostConfig.NetworkMode.ShouldBe("container:" + owner.ID);
    }

    [Fact]
    public async Task Keeps_legacy_links_on_the_default_bridge()
    {
        var linked = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "db",
            Image = Image,
            StopTimeout = TimeSpan.FromSeconds(2),
        });
        await scope.Docker.Containers.StartContainerAsync(linked.ID, new ContainerStartParameters());

        var (_, after) = await RoundTripAsync(new CreateContainerParameters { HostConfig = new HostConfig { Links = [$"{scope.Prefix}db:database"] } });

        after.HostConfig.Links.ShouldHaveSingleItem().ShouldEndWith("/database");
    }

    [Fact]
    public async Task Takes_a_changed_default_path_from_the_new_image()
    {
        var pathImage = TestImage.Plain($"4.0-path-{scope.Prefix}") with
        {
            Env = new Dictionary<string, string> { ["PATH"] = "/opt/app/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
        };
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "path", pathImage);
        await CreateSubjectAsync(new CreateContainerParameters { Env = ["GREETING=hello"], HostConfig = new HostConfig() }, start: true, beforeStart: null);

        var outcome = await UpdateAsync(newDigest);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        var env = (await scope.Docker.Containers.InspectContainerAsync(Subject)).Config.Env;
        env.ShouldContain("PATH=/opt/app/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.ShouldNotContain("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
        env.ShouldContain("GREETING=hello");
    }

    [Fact]
    public async Task Plans_every_network_and_the_users_mac_in_one_create_call_only_from_api_1_44()
    {
        var (front, back) = (scope.Prefix + "front", scope.Prefix + "back");
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = front });
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = back });
        var id = await CreateSubjectAsync(
            new CreateContainerParameters { MacAddress = "02:42:ac:1e:00:98", HostConfig = new HostConfig { NetworkMode = front } },
            start: false,
            beforeStart: id => scope.Docker.Networks.ConnectNetworkAsync(back, new NetworkConnectParameters { Container = id, EndpointConfig = new EndpointSettings { Aliases = ["api"] } }));
        var old = await scope.Docker.Containers.InspectContainerAsync(id);
        var oldImage = await scope.Docker.Images.InspectImageAsync(old.Image);

        var at141 = RecreatePlan.From(old, oldImage, Image, new EngineApi(new System.Version(1, 41)));
        var at144 = RecreatePlan.From(old, oldImage, Image, new EngineApi(new System.Version(1, 44)));
        var at140 = RecreatePlan.From(old, oldImage, Image, new EngineApi(new System.Version(1, 40)));

        at141.Create.NetworkingConfig.EndpointsConfig.Keys.ShouldBe([front]);
        at141.ExtraNetworks.ShouldHaveSingleItem().Network.ShouldBe(back);
        at141.Create.MacAddress.ShouldBe("02:42:ac:1e:00:98");
        at144.Create.NetworkingConfig.EndpointsConfig.Keys.Order(StringComparer.Ordinal).ShouldBe(new[] { front, back }.Order(StringComparer.Ordinal));
        at144.ExtraNetworks.ShouldBeEmpty();
        at144.Create.MacAddress.ShouldBeNull();
        at144.Create.NetworkingConfig.EndpointsConfig[front].MacAddress.ShouldBe("02:42:ac:1e:00:98");
        at144.Create.NetworkingConfig.EndpointsConfig[back].MacAddress.ShouldBeNull();
        old.HostConfig.CgroupnsMode.ShouldNotBeNullOrEmpty();
        at141.Create.HostConfig.CgroupnsMode.ShouldBe(old.HostConfig.CgroupnsMode);
        at140.Create.HostConfig.CgroupnsMode.ShouldBeNull("API 1.40 does not know cgroup namespaces");
    }

    /// <summary>
    /// Creates the subject from image 1, updates it to image 2 and compares, then forces a rollback with a
    /// release that exits at once and compares again. Returns the inspects before and after the update.
    /// </summary>
    private async Task<(ContainerInspectResponse Before, ContainerInspectResponse After)> RoundTripAsync(
        CreateContainerParameters parameters, bool start = true, bool rollBack = true, Func<string, Task>? beforeStart = null)
    {
        var oldId = await CreateSubjectAsync(parameters, start, beforeStart);
        var before = await scope.Docker.Containers.InspectContainerAsync(oldId);

        var updated = await UpdateAsync(secondDigest);

        updated.Outcome.ShouldBe(JobOutcome.Succeeded, updated.Reason);
        var after = await scope.Docker.Containers.InspectContainerAsync(Subject);
        after.ID.ShouldNotBe(oldId);
        (await scope.Docker.Images.InspectImageAsync(after.Image)).RepoDigests.ShouldContain($"{servers.Registry.Host}/{repository}@{secondDigest}");
        InspectSnapshot.Recreated(after).DifferencesFrom(InspectSnapshot.Recreated(before)).ShouldBeEmpty();

        if (rollBack)
        {
            var rolledBack = await UpdateAsync(brokenDigest);

            rolledBack.Outcome.ShouldBe(JobOutcome.RolledBack, rolledBack.Reason);
            var restored = await scope.Docker.Containers.InspectContainerAsync(Subject);
            restored.ID.ShouldBe(after.ID);
            InspectSnapshot.Restarted(restored).DifferencesFrom(InspectSnapshot.Restarted(after)).ShouldBeEmpty();
        }

        return (before, after);
    }

    private async Task<string> CreateSubjectAsync(CreateContainerParameters parameters, bool start, Func<string, Task>? beforeStart)
    {
        parameters.Name = Subject;
        parameters.Image = Image;
        parameters.StopTimeout ??= TimeSpan.FromSeconds(2);
        var created = await scope.Docker.Containers.CreateContainerAsync(parameters);
        if (beforeStart is not null)
        {
            await beforeStart(created.ID);
        }

        if (start)
        {
            await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        }

        return created.ID;
    }

    private Task<UpdateOutcome> UpdateAsync(string digest) => Updaters.UpdateAsync(scope.Docker, Subject, Image, digest, QuickGate);

    private static async Task<Releases> ReleasesAsync(RegistryServer registry)
    {
        await Pushing.WaitAsync();
        try
        {
            if (releases is null)
            {
                var stem = Servers.UniqueName("mxrel");
                var repository = stem + "/app";
                await TestImages.PushAsync(registry, repository, "1", TestImage.Plain($"1.0-{stem}"));
                var second = await TestImages.PushAsync(registry, repository, "2", TestImage.Plain($"2.0-{stem}"));
                var broken = await TestImages.PushAsync(registry, repository, "broken", TestImage.ExitsAtOnce($"3.0-broken-{stem}"));
                releases = new Releases(repository, second, broken);
            }

            return releases;
        }
        finally
        {
            Pushing.Release();
        }
    }

    /// <summary>A user network with its own subnets, chosen at random among private ranges to stay clear of other tests' networks.</summary>
    private async Task<Subnet> CreateNetworkAsync(string name, bool ipv6)
    {
        var subnet = new Subnet(Random.Shared.Next(200, 250), Random.Shared.Next(0, 256));
        var config = new List<IPAMConfig> { new() { Subnet = subnet.IPv4Cidr } };
        if (ipv6)
        {
            config.Add(new IPAMConfig { Subnet = subnet.IPv6Cidr });
        }

        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name, EnableIPv6 = ipv6, IPAM = new IPAM { Config = config } });
        return subnet;
    }

    private async Task<IReadOnlyList<string>> AnonymousVolumesOfAsync(string container)
    {
        try
        {
            var mounts = (await scope.Docker.Containers.InspectContainerAsync(container)).Mounts ?? [];
            return [.. mounts.Where(m => m.Type == "volume" && m.Name is { Length: 64 }).Select(m => m.Name)];
        }
        catch (global::Docker.DotNet.DockerContainerNotFoundException)
        {
            return [];
        }
    }

    private sealed record Releases(string Repository, string SecondDigest, string BrokenDigest);

    /// <summary>10.<paramref name="Second"/>.<paramref name="Third"/>.0/24 and a matching unique-local IPv6 /64.</summary>
    private sealed record Subnet(int Second, int Third)
    {
        public string IPv4Cidr => $"10.{Second}.{Third}.0/24";

        public string IPv6Cidr => $"fd00:{Second:x}:{Third:x}::/64";

        public string IPv4(int host) => $"10.{Second}.{Third}.{host}";

        public string IPv6(int host) => $"fd00:{Second:x}:{Third:x}::{host:x}";
    }
}
