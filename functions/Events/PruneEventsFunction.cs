using Dockward.Core.Events;
using Dockward.Core.Settings;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Events;

/// <summary>Timer: drops live events older than the event retention (settings' <c>eventRetentionMinutes</c>, default <c>Events:RetentionMinutes</c>).</summary>
internal sealed class PruneEventsFunction(IEventStore store, SystemSettings settings, TimeProvider clock, ILogger<PruneEventsFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var minutes = (await settings.GetAsync(cancellationToken)).EventRetentionMinutes;
        var pruned = await store.PruneAsync(clock.GetUtcNow().AddMinutes(-minutes), cancellationToken);
        logger.LogInformation("Pruned {Events} live events older than {Minutes} minutes", pruned, minutes);
    }
}
