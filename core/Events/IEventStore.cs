namespace Dockward.Core.Events;

/// <summary>
/// The live events of every control-plane instance, kept for a short window so a client that reconnects with
/// <c>Last-Event-ID</c> misses nothing, and so every instance sees every other instance's events.
/// </summary>
internal interface IEventStore
{
    Task AppendAsync(EventRecord record, CancellationToken cancellationToken);

    /// <summary>Events with an id after <paramref name="afterId"/>, oldest first, at most <paramref name="max"/>; none older than <paramref name="notBefore"/>.</summary>
    Task<IReadOnlyList<EventRecord>> ReadAfterAsync(string? afterId, DateTimeOffset notBefore, int max, CancellationToken cancellationToken);

    /// <summary>Removes events older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
