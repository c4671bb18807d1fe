using System.Collections.Concurrent;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Containers.Stats;

/// <summary>
/// The short resource history of every container: the samples agents send with their inventory, thinned to one per
/// container per <see cref="StatsOptions.SampleSeconds"/>, kept for the system setting <c>statsRetentionHours</c>.
/// </summary>
internal sealed class StatsHistory(IStatsStore store, IOptions<StatsOptions> options, TimeProvider clock, ILogger<StatsHistory> logger)
{
    // The slot this instance last wrote per container: a report within the same slot writes nothing, so 10,000
    // containers reporting every 30 s cost one write per container per slot, not per report.
    private readonly ConcurrentDictionary<(string AgentId, string Name), long> written = new();

    private TimeSpan Slot => TimeSpan.FromSeconds(options.Value.SampleSeconds);

    /// <summary>
    /// Records the samples of one inventory report. Best effort: invalid samples are skipped and a store failure is
    /// logged, never failing the report that carried them (the history only has a gap).
    /// </summary>
    public async Task<int> RecordAsync(string agentId, IReadOnlyList<ContainerStats>? samples, CancellationToken cancellationToken)
    {
        if (samples is not { Count: > 0 })
        {
            return 0;
        }

        var slot = Slot;
        var fresh = samples
            .Where((s, i) => StatsSamples.Problem(s, $"stats[{i}]") is null)
            .GroupBy(s => s.ContainerName, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.At)!)
            .Where(s => written.GetValueOrDefault((agentId, s.ContainerName), long.MinValue) < SlotOf(s.At, slot))
            .ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        try
        {
            await store.WriteAsync(agentId, fresh, slot, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not store {Samples} stats samples of {AgentId}: {Error}", fresh.Count, agentId, e.Message);
            return 0;
        }

        foreach (var sample in fresh)
        {
            written[(agentId, sample.ContainerName)] = SlotOf(sample.At, slot);
        }

        return fresh.Count;
    }

    /// <summary>The samples of one container from the last <paramref name="window"/>, oldest first.</summary>
    public Task<IReadOnlyList<ContainerStats>> ReadAsync(string agentId, string name, TimeSpan window, CancellationToken cancellationToken) =>
        store.ListAsync(agentId, name, clock.GetUtcNow() - window, cancellationToken);

    /// <summary>Deletes samples older than <paramref name="retention"/> (the system setting <c>statsRetentionHours</c>); returns how many.</summary>
    public Task<int> PruneAsync(TimeSpan retention, CancellationToken cancellationToken) =>
        store.PruneAsync(clock.GetUtcNow() - retention, cancellationToken);

    private static long SlotOf(DateTimeOffset at, TimeSpan slot) => at.UtcTicks / slot.Ticks;
}
