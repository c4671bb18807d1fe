namespace Dockward.Agent.Tests;

/// <summary>
/// A fake clock for waits too long to sit through (an hour-long health budget): every timer fires after a
/// few real milliseconds and moves the time on by <see cref="Step"/>, so a loop that polls the real engine
/// reaches its deadline in a few dozen polls while the engine's containers keep their real timing.
/// </summary>
internal sealed class FakeSteppingClock(TimeSpan step) : TimeProvider
{
    private static readonly TimeSpan RealDelay = TimeSpan.FromMilliseconds(20);

    private long ticks = DateTimeOffset.UtcNow.UtcTicks;

    public TimeSpan Step => step;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Timer(
            s =>
            {
                Interlocked.Add(ref ticks, step.Ticks);
                callback(s);
            },
            state,
            dueTime == Timeout.InfiniteTimeSpan ? dueTime : RealDelay,
            period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? period : RealDelay);
}
