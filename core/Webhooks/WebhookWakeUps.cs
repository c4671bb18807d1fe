namespace Dockward.Core.Webhooks;

/// <summary>
/// The due times of hints this instance queued, so the runner wakes when one is due instead of at its next sweep.
/// Bounded: past <see cref="MaxPending"/> the sweep alone finds the rest.
/// </summary>
internal sealed class WebhookWakeUps : IDisposable
{
    private const int MaxPending = 1000;

    private readonly List<DateTimeOffset> pending = [];
    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly Lock gate = new();

    /// <summary>Records that a hint falls due at <paramref name="due"/> and wakes the runner to plan for it.</summary>
    public void Add(DateTimeOffset due)
    {
        lock (gate)
        {
            if (pending.Count < MaxPending)
            {
                pending.Add(due);
            }
        }

        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the runner looks at every pending time when it wakes.
        }
    }

    /// <summary>The earliest pending due time, after forgetting those at or before <paramref name="now"/> when <paramref name="consume"/>.</summary>
    public DateTimeOffset? Earliest(DateTimeOffset now, bool consume)
    {
        lock (gate)
        {
            if (consume)
            {
                pending.RemoveAll(due => due <= now);
            }

            return pending.Count == 0 ? null : pending.Min();
        }
    }

    public void Dispose() => signal.Dispose();

    /// <summary>Waits <paramref name="delay"/>, or less when a hint is added meanwhile.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await signal.WaitAsync(delay, cancellationToken);
}
