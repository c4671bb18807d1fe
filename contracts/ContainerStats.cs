namespace Dockward.Contracts;

/// <summary>One resource sample of a running container.</summary>
/// <param name="ContainerName">The container, by name.</param>
/// <param name="At">When the sample was read.</param>
/// <param name="CpuPercent">CPU use since the agent's previous sample of it, in percent of one core (200 = two cores busy); null on its first sample.</param>
/// <param name="MemoryBytes">Memory in use, without the page cache (what <c>docker stats</c> shows).</param>
/// <param name="MemoryLimitBytes">Its memory limit (the host's memory when it has none).</param>
/// <param name="NetworkRxBytes">Bytes received on every interface since it started.</param>
/// <param name="NetworkTxBytes">Bytes sent on every interface since it started.</param>
/// <param name="BlockReadBytes">Bytes read from block devices since it started.</param>
/// <param name="BlockWriteBytes">Bytes written to block devices since it started.</param>
public sealed record ContainerStats(
    string ContainerName,
    DateTimeOffset At,
    double? CpuPercent,
    long MemoryBytes,
    long MemoryLimitBytes,
    long NetworkRxBytes,
    long NetworkTxBytes,
    long BlockReadBytes,
    long BlockWriteBytes);
