using Dockward.Core.Containers.Stats;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Containers;

/// <summary>Timer: drops container stats samples older than <c>Stats:RetentionHours</c>.</summary>
internal sealed class PruneStatsFunction(StatsHistory history, IOptions<StatsOptions> options, ILogger<PruneStatsFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var pruned = await history.PruneAsync(cancellationToken);
        logger.LogInformation("Pruned {Samples} stats samples older than {Hours} hours", pruned, options.Value.RetentionHours);
    }
}
