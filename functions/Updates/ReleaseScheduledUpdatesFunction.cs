using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>Timer: releases scheduled updates whose window opened, expires approvals nobody gave (host.json timers:ReleaseScheduledUpdates).</summary>
internal sealed class ReleaseScheduledUpdatesFunction(UpdateScheduler scheduler, ILogger<ReleaseScheduledUpdatesFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var pass = await scheduler.RunAsync(cancellationToken);
        if (pass.Released + pass.Expired + pass.Cancelled > 0)
        {
            logger.LogInformation("Scheduler: {Pass}", pass.ToString());
        }
    }
}
