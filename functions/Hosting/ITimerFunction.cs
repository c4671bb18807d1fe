namespace Dockward.Functions.Hosting;

/// <summary>A function triggered by an NCRONTAB schedule; each tick runs on exactly one control-plane instance.</summary>
internal interface ITimerFunction
{
    Task RunAsync(TimerInfo timer, CancellationToken cancellationToken);
}
