using Dockward.Core.Detection;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Detection;

/// <summary>Timer: drops check history past <c>Detection:HistoryRetentionDays</c>; every image's latest result stays.</summary>
internal sealed class PruneCheckHistoryFunction(
    IImageCheckStore checks,
    IOptions<DetectionOptions> options,
    TimeProvider clock,
    ILogger<PruneCheckHistoryFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var days = options.Value.HistoryRetentionDays;
        var pruned = await checks.PruneHistoryAsync(clock.GetUtcNow().AddDays(-days), cancellationToken);
        logger.LogInformation("Pruned {Checks} check history entries older than {Days} days", pruned, days);
    }
}
