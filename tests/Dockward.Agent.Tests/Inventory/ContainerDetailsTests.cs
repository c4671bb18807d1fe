using Docker.DotNet.Models;
using Dockward.Agent.Inventory;
using Dockward.Agent.Tests.Commands;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Inventory;

[Collection(ServersCollection.Name)]
[Trait("Area", "Agent")]
public sealed class ContainerDetailsTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("det");
    private readonly string hostDirectory = Directory.CreateTempSubdirectory("dockward-details-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await scope.DisposeAsync();
        Directory.Delete(hostDirectory, recursive: true);
    }

    [Fact]
    public async Task Reports_ports_mounts_networks_env_restart_policy_and_the_failing_health_check_output()
    {
        var front = scope.Prefix + "front";
        var back = scope.Prefix + "back";
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = front });
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = back });
        var hostPort = FreePort.Next();
        var volume = scope.Prefix + "vol";
        var image = new TestImage("1.0", Healthcheck: "echo database not reachable; exit 1");
        var id = await TestContainer.RunAsync(servers, scope, "app", image, create =>
        {
            create.Env = ["GREETING=hello", "API_TOKEN=abc"];
            create.ExposedPorts = new Dictionary<string, EmptyStruct> { ["8080/tcp"] = default, ["8081/tcp"] = default, ["9000/udp"] = default };
            create.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>
            {
                ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = hostPort.ToString() }],
                ["8081/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }],
            };
            create.HostConfig.Binds = [$"{hostDirectory}:/config:ro", $"{volume}:/data"];
            create.HostConfig.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = 3 };
            create.HostConfig.NetworkMode = front;
            create.NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [front] = new EndpointSettings { Aliases = ["web"] } },
            };
        });
        await scope.Docker.Networks.ConnectNetworkAsync(back, new NetworkConnectParameters { Container = id, EndpointConfig = new EndpointSettings { Aliases = ["api", "api-v1"] } });
        await Wait.UntilAsync("a health check to have run", TimeSpan.FromSeconds(20), async () =>
            (await scope.Docker.Containers.InspectContainerAsync(id)).State.Health?.Log?.Count > 0);

        var snapshot = (await new InventoryCollector(scope.Docker).CollectAsync(CancellationToken.None)).Single(c => c.Id == id);

        var details = snapshot.Details.ShouldNotBeNull();
        details.Ports.ShouldContain(new PortMapping(8080, "tcp", "127.0.0.1", hostPort));
        details.Ports.Single(p => p.ContainerPort == 8081).HostPort.ShouldNotBeNull().ShouldBeGreaterThan(0, "the port the engine picked");
        details.Ports.ShouldContain(new PortMapping(9000, "udp", null, null));
        details.Mounts.ShouldContain(new MountInfo("bind", hostDirectory, "/config", true));
        details.Mounts.ShouldContain(new MountInfo("volume", volume, "/data", false));
        details.Networks.Select(n => n.Name).ShouldBe([back, front]);
        details.Networks.Single(n => n.Name == front).Aliases.ShouldBe(["web"]);
        details.Networks.Single(n => n.Name == back).Aliases.ShouldBe(["api", "api-v1"], ignoreOrder: true);
        details.Networks.ShouldAllBe(n => n.IpAddress != null);
        details.Env.ShouldContain("GREETING=hello");
        details.Env.ShouldContain("API_TOKEN=abc");
        details.RestartPolicy.ShouldBe(new RestartPolicySpec("on-failure", 3));
        details.HealthOutput.ShouldNotBeNull().ShouldContain("database not reachable");
        details.HealthExitCode.ShouldBe(1);
        details.HealthCheckedAt.ShouldNotBeNull().ShouldBeGreaterThan(snapshot.Created);
        details.StartedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(snapshot.Created);
        details.FinishedAt.ShouldBeNull();
        details.RestartCount.ShouldBe(0);
        details.Command.ShouldNotBeNull()[0].ShouldBe("sh");
        details.Entrypoint.ShouldBeNull();
    }

    [Fact]
    public async Task Reports_when_a_stopped_container_finished_and_its_exit_code()
    {
        var id = await TestContainer.RunAsync(servers, scope, "once", TestImage.ExitsAtOnce("1.0"));
        await Wait.UntilAsync("the container to exit", TimeSpan.FromSeconds(20), async () =>
            (await scope.Docker.Containers.InspectContainerAsync(id)).State.Status == "exited");

        var snapshot = (await new InventoryCollector(scope.Docker).CollectAsync(CancellationToken.None)).Single(c => c.Id == id);

        var details = snapshot.Details.ShouldNotBeNull();
        details.ExitCode.ShouldBe(3);
        details.StartedAt.ShouldNotBeNull();
        // Not compared with StartedAt: for a process that ends at once the engine may record its exit a moment
        // before it records the start.
        details.FinishedAt.ShouldNotBeNull().ShouldBeGreaterThan(snapshot.Created);
        details.RestartPolicy.ShouldBe(new RestartPolicySpec("no"));
        details.HealthOutput.ShouldBeNull();
        details.Ports.ShouldBe([new PortMapping(8080, "tcp", null, null)], "exposed by the image, not published");
    }
}
