namespace Dockward.Core.Scheduling;

/// <summary>
/// Who runs a timer function now, and which tick ran last. One record per timer function,
/// shared by every control-plane instance on the same store.
/// </summary>
/// <param name="LastTick">The schedule occurrence that was last claimed.</param>
/// <param name="LeaseUntil">The holder runs until this time at the latest; past it the lease is free.</param>
internal sealed record TimerLeaseRecord(
    string Function,
    string Owner,
    DateTimeOffset LastTick,
    DateTimeOffset LeaseUntil,
    string? Version = null);
