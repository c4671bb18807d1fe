namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// The system clock, moved ahead on demand: the token cache then sees time pass between two check cycles
/// (tokens expiring) without the benchmark waiting for it. Timers and delays still run on real time.
/// </summary>
internal sealed class BenchmarkClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
