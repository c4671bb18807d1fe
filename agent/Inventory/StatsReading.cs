using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Inventory;

/// <summary>
/// Turns one engine stats read into a <see cref="ContainerStats"/> sample the way <c>docker stats</c> computes
/// it, with the CPU share taken against this agent's previous read of the same container (a one-shot read has no
/// "pre" values of its own).
/// </summary>
internal static class StatsReading
{
    /// <summary>The CPU counters of one read, kept to compute the next read's CPU share.</summary>
    public sealed record CpuCounters(ulong ContainerNanoseconds, ulong SystemNanoseconds, uint OnlineCpus);

    public static CpuCounters Counters(ContainerStatsResponse stats)
    {
        var cpu = stats.CPUStats;
        var online = cpu?.OnlineCPUs is > 0 ? cpu.OnlineCPUs : (uint)(cpu?.CPUUsage?.PercpuUsage?.Count ?? 0);
        return new CpuCounters(cpu?.CPUUsage?.TotalUsage ?? 0, cpu?.SystemUsage ?? 0, online == 0 ? 1 : online);
    }

    public static ContainerStats Sample(string containerName, DateTimeOffset at, ContainerStatsResponse stats, CpuCounters? previous)
    {
        var memory = stats.MemoryStats;
        var networks = stats.Networks?.Values ?? [];
        var io = stats.BlkioStats?.IoServiceBytesRecursive ?? [];
        return new ContainerStats(
            containerName,
            at,
            CpuPercent(Counters(stats), previous),
            ToLong(MemoryWithoutCache(memory)),
            ToLong(memory?.Limit ?? 0),
            ToLong(networks.Aggregate(0UL, (sum, n) => sum + n.RxBytes)),
            ToLong(networks.Aggregate(0UL, (sum, n) => sum + n.TxBytes)),
            ToLong(io.Where(e => string.Equals(e.Op, "read", StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (sum, e) => sum + e.Value)),
            ToLong(io.Where(e => string.Equals(e.Op, "write", StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (sum, e) => sum + e.Value)));
    }

    /// <summary>
    /// Percent of one core, as <c>docker stats</c> shows it: the container's share of the host's CPU time between
    /// the two reads, times the host's cores. Null without an earlier read, or when the counters went back (the
    /// container restarted in a new cgroup).
    /// </summary>
    private static double? CpuPercent(CpuCounters now, CpuCounters? previous)
    {
        if (previous is null || now.ContainerNanoseconds < previous.ContainerNanoseconds || now.SystemNanoseconds <= previous.SystemNanoseconds)
        {
            return null;
        }

        var container = (double)(now.ContainerNanoseconds - previous.ContainerNanoseconds);
        var system = (double)(now.SystemNanoseconds - previous.SystemNanoseconds);
        return Math.Round(container / system * now.OnlineCpus * 100.0, 2);
    }

    /// <summary>
    /// Usage without the page cache that the kernel can drop: cgroup v1 reports <c>total_inactive_file</c> (older
    /// engines only <c>cache</c>), cgroup v2 <c>inactive_file</c>. As the Docker CLI computes it.
    /// </summary>
    private static ulong MemoryWithoutCache(MemoryStats? memory)
    {
        if (memory is null)
        {
            return 0;
        }

        var figures = memory.Stats ?? new Dictionary<string, ulong>();
        ulong cache = 0;
        foreach (var key in (string[])["total_inactive_file", "inactive_file", "cache"])
        {
            if (figures.TryGetValue(key, out var value))
            {
                cache = value;
                break;
            }
        }

        return cache < memory.Usage ? memory.Usage - cache : memory.Usage;
    }

    private static long ToLong(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
