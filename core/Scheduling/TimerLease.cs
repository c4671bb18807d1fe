namespace Dockward.Core.Scheduling;

/// <summary>
/// Makes one schedule occurrence of a timer function run on exactly one control-plane instance,
/// and never while another run of the same function still holds the lease.
/// </summary>
public sealed class TimerLease(ITimerLeaseStore store, TimeProvider clock)
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

    /// <summary>Extends a held lease; null when it was lost (it expired and another instance took it).</summary>
    public Task<TimerLeaseRecord?> RenewAsync(TimerLeaseRecord held, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        store.TryReplaceAsync(held with { LeaseUntil = clock.GetUtcNow() + leaseFor }, cancellationToken);

    /// <summary>Frees the lease so the next tick need not wait for it to expire.</summary>
    public Task ReleaseAsync(TimerLeaseRecord held, CancellationToken cancellationToken) =>
        store.TryReplaceAsync(held with { LeaseUntil = clock.GetUtcNow() }, cancellationToken);
}
