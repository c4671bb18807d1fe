using Dockward.Agent.Inventory;
using Dockward.Agent.Tests.Commands;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockward.Agent.Tests.Inventory;

[Collection(ServersCollection.Name)]
[Trait("Area", "Agent")]
public sealed class StatsSamplerTests(Servers servers) : IAsyncLifetime
{
    /// <summary>A shell spinning on one core (limited to half of one, to be kind to the machine).</summary>
    private static readonly TestImage Busy = new("1.0", Command: "trap 'exit 0' TERM; while :; do :; done");

    private readonly DockerScope scope = new("stats");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Measures_cpu_from_the_second_sample_on_and_memory_network_and_block_io_of_a_busy_container()
    {
        var id = await TestContainer.RunAsync(servers, scope, "busy", Busy, create => create.HostConfig.NanoCPUs = 500_000_000);
        var sampler = new StatsSampler(scope.Docker, TimeProvider.System, NullLogger<StatsSampler>.Instance);

        var first = (await sampler.SampleAsync(id, "busy", CancellationToken.None)).Stats.ShouldNotBeNull();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var second = (await sampler.SampleAsync(id, "busy", CancellationToken.None)).Stats.ShouldNotBeNull();

        first.CpuPercent.ShouldBeNull("there is no earlier read to compare with");
        second.CpuPercent.ShouldNotBeNull().ShouldBeInRange(10, 100, "a spinning shell held to half a core");
        second.ContainerName.ShouldBe("busy");
        second.MemoryBytes.ShouldBeGreaterThan(0);
        second.MemoryLimitBytes.ShouldBeGreaterThanOrEqualTo(second.MemoryBytes);
        second.NetworkRxBytes.ShouldBeGreaterThanOrEqualTo(0);
        second.BlockReadBytes.ShouldBeGreaterThanOrEqualTo(0);
        second.At.ShouldBeGreaterThan(first.At);
    }

    [Fact]
    public async Task Samples_the_running_containers_of_an_inventory_and_skips_those_it_cannot_read()
    {
        await TestContainer.RunAsync(servers, scope, "busy", Busy, create => create.HostConfig.NanoCPUs = 200_000_000);
        var stopped = await TestContainer.RunAsync(servers, scope, "once", TestImage.ExitsAtOnce("1.0"));
        await Wait.UntilAsync("the container to exit", TimeSpan.FromSeconds(20), async () =>
            (await scope.Docker.Containers.InspectContainerAsync(stopped)).State.Status == "exited");
        var inventory = (await new InventoryCollector(scope.Docker).CollectAsync(CancellationToken.None))
            .Where(c => c.Name.StartsWith(scope.Prefix, StringComparison.Ordinal))
            .ToList();
        inventory.Add(inventory[0] with { Id = "0123456789ab" + new string('0', 52), Name = scope.Prefix + "vanished", State = "running" });
        var sampler = new StatsSampler(scope.Docker, TimeProvider.System, NullLogger<StatsSampler>.Instance);

        var samples = await sampler.SampleRunningAsync(inventory, TimeSpan.FromSeconds(10), CancellationToken.None);

        samples.Select(s => s.ContainerName).ShouldBe([scope.Prefix + "busy"]);
        samples[0].MemoryBytes.ShouldBeGreaterThan(0);
    }
}
