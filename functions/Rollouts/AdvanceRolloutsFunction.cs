using Dockward.Core.Rollouts;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Rollouts;

/// <summary>Timer: moves running rollouts on (host.json timers:AdvanceRollouts); all their state is in the store, so a restart resumes them.</summary>
internal sealed class AdvanceRolloutsFunction(RolloutConductor conductor) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken) =>
        await conductor.AdvanceAsync(cancellationToken);
}
