using Dockward.Core.Containers.Stats;
using Dockward.Core.Settings;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Containers;

/// <summary>Timer: drops container stats samples older than the <c>statsRetentionHours</c> setting (default <c>Stats:RetentionHours</c>).</summary>
internal sealed class PruneStatsFunction(StatsHistory history, SystemSettings settings, ILogger<PruneStatsFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var retention = await settings.StatsRetentionAsync(cancellationToken);
        var pruned = await history.PruneAsync(retention, cancellationToken);
        logger.LogInformation("Pruned {Samples} stats samples older than {Hours} hours", pruned, retention.TotalHours);
    }
}
