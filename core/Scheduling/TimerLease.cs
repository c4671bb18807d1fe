namespace Dockward.Core.Scheduling;

/// <summary>
/// Makes one schedule occurrence of a timer function run on exactly one control-plane instance,
/// and never while another run of the same function still holds the lease.
/// </summary>
internal sealed class TimerLease(ITimerLeaseStore store, TimeProvider clock)
{
    /// <summary>
    /// Claims <paramref name="tick"/> for <paramref name="owner"/>. Null when the tick was already
    /// claimed (here or elsewhere) or another run still holds an unexpired lease.
    /// </summary>
    public async Task<TimerLeaseRecord?> TryClaimAsync(
        string functionName, DateTimeOffset tick, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claim = new TimerLeaseRecord(functionName, owner, tick, now + leaseFor);
        var current = await store.GetAsync(functionName, cancellationToken);
        if (current is null)
        {
            return await store.TryAddAsync(claim, cancellationToken);
        }

        if (current.LastTick >= tick || current.LeaseUntil > now)
        {
            return null;
        }

        return await store.TryReplaceAsync(claim with { Version = current.Version }, cancellationToken);
    }

    /// <summary>
    /// Frees the lease so the next tick need not wait for it to expire. A lease needs no renewal: it is taken for
    /// the invocation's timeout plus a margin, and the invocation is cancelled at its timeout. A holder whose
    /// lease expired and was taken over releases nothing (its version no longer matches).
    /// </summary>
    public Task ReleaseAsync(TimerLeaseRecord held, CancellationToken cancellationToken) =>
        store.TryReplaceAsync(held with { LeaseUntil = clock.GetUtcNow() }, cancellationToken);
}
