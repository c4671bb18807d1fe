namespace Dockward.Functions.Hosting;

/// <summary>The tick a timer function runs for.</summary>
/// <param name="ScheduledTick">The schedule occurrence, UTC.</param>
/// <param name="Next">The occurrence after it.</param>
internal sealed record TimerInfo(DateTimeOffset ScheduledTick, DateTimeOffset Next);
