using Dockward.Core.Detection;
using Dockward.Core.Settings;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Detection;

/// <summary>
/// Timer: drops check history past the settings' <c>historyRetentionDays</c> (by default
/// <c>Detection:HistoryRetentionDays</c>); every image's latest result stays.
/// </summary>
internal sealed class PruneCheckHistoryFunction(
    IImageCheckStore checks,
    IOptions<DetectionOptions> options,
    TimeProvider clock,
    ILogger<PruneCheckHistoryFunction> logger,
    SystemSettings? settings = null) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var days = settings is null ? options.Value.HistoryRetentionDays : (await settings.GetAsync(cancellationToken)).HistoryRetentionDays;
        var pruned = await checks.PruneHistoryAsync(clock.GetUtcNow().AddDays(-days), cancellationToken);
        logger.LogInformation("Pruned {Checks} check history entries older than {Days} days", pruned, days);
    }
}
