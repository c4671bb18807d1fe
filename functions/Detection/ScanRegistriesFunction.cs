using Dockward.Core.Detection;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Detection;

/// <summary>Timer: checks every managed image against its registry and queues updates (host.json timers:ScanRegistries).</summary>
internal sealed class ScanRegistriesFunction(RegistryScan scan) : ITimerFunction
{
    public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken) =>
        scan.RunAsync(Triggers.Timer, onlyImage: null, cancellationToken, onlyDue: true);
}
