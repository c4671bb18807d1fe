using Docker.DotNet.Models;
using Dockward.Agent.Inventory;

namespace Dockward.Agent.Tests.Inventory;

/// <summary>
/// The arithmetic of a sample on engine answers of each cgroup version: this machine runs only one of them, so the
/// other's figures are given as the engine sends them.
/// </summary>
[Trait("Area", "Agent")]
public sealed class StatsReadingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("total_inactive_file", 30_000_000)] // cgroup v1
    [InlineData("inactive_file", 30_000_000)] // cgroup v2
    [InlineData("cache", 30_000_000)] // cgroup v1 on engines that predate total_inactive_file
    [InlineData("unrelated", 0)]
    public void Leaves_the_page_cache_out_of_memory_in_use(string key, long cache)
    {
        var read = Read(cpu: 0, system: 0, memoryStats: new Dictionary<string, ulong> { [key] = 30_000_000 });

        var sample = StatsReading.Sample("app", At, read, previous: null);

        sample.MemoryBytes.ShouldBe(100_000_000 - cache);
        sample.MemoryLimitBytes.ShouldBe(1_000_000_000);
    }

    [Fact]
    public void Shows_cpu_in_percent_of_one_core_against_the_previous_read()
    {
        var before = StatsReading.Counters(Read(cpu: 1_000_000_000, system: 100_000_000_000));
        // Between the reads the host's 4 cores ran 8 s (2 s of wall time); the container used 3 s of them: 1.5 cores.
        var now = Read(cpu: 4_000_000_000, system: 108_000_000_000);

        StatsReading.Sample("app", At, now, before).CpuPercent.ShouldBe(150);
        StatsReading.Sample("app", At, now, previous: null).CpuPercent.ShouldBeNull();
    }

    [Fact]
    public void Has_no_cpu_figure_when_the_counters_went_back_after_a_restart()
    {
        var before = StatsReading.Counters(Read(cpu: 9_000_000_000, system: 100_000_000_000));

        StatsReading.Sample("app", At, Read(cpu: 1_000_000, system: 104_000_000_000), before).CpuPercent.ShouldBeNull();
    }

    [Fact]
    public void Sums_network_traffic_over_interfaces_and_block_io_by_direction()
    {
        var read = Read(cpu: 0, system: 0);
        read.Networks = new Dictionary<string, NetworkStats>
        {
            ["eth0"] = new() { RxBytes = 1000, TxBytes = 200 },
            ["eth1"] = new() { RxBytes = 24, TxBytes = 6 },
        };
        read.BlkioStats = new BlkioStats
        {
            IoServiceBytesRecursive =
            [
                new() { Major = 8, Minor = 0, Op = "Read", Value = 4096 },
                new() { Major = 8, Minor = 16, Op = "read", Value = 1024 },
                new() { Major = 8, Minor = 0, Op = "Write", Value = 512 },
                new() { Major = 8, Minor = 0, Op = "Total", Value = 4608 },
            ],
        };

        var sample = StatsReading.Sample("app", At, read, previous: null);

        (sample.NetworkRxBytes, sample.NetworkTxBytes).ShouldBe((1024L, 206L));
        (sample.BlockReadBytes, sample.BlockWriteBytes).ShouldBe((5120L, 512L));
    }

    private static ContainerStatsResponse Read(ulong cpu, ulong system, IDictionary<string, ulong>? memoryStats = null) => new()
    {
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = cpu }, SystemUsage = system, OnlineCPUs = 4 },
        MemoryStats = new MemoryStats { Usage = 100_000_000, Limit = 1_000_000_000, Stats = memoryStats ?? new Dictionary<string, ulong>() },
    };
}
