namespace Dockward.Core.Scheduling;

/// <summary>Storage primitives behind <see cref="TimerLease"/>: read, insert-if-absent, replace-if-unchanged.</summary>
internal interface ITimerLeaseStore
{
    Task<TimerLeaseRecord?> GetAsync(string functionName, CancellationToken cancellationToken);

    /// <summary>Inserts the record; null when another instance inserted it first.</summary>
    Task<TimerLeaseRecord?> TryAddAsync(TimerLeaseRecord lease, CancellationToken cancellationToken);

    /// <summary>Replaces the record if its version is unchanged; null when another instance changed it first.</summary>
    Task<TimerLeaseRecord?> TryReplaceAsync(TimerLeaseRecord lease, CancellationToken cancellationToken);
}
