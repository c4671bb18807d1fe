using Microsoft.Extensions.Logging;

namespace Dockward.Core.Events;

/// <summary>
/// This instance's live events: while any client is connected, one store read every <see cref="PollInterval"/> for
/// the whole instance (not one per client), fanned out to every <see cref="EventSubscription"/>. Each read starts
/// <see cref="Overlap"/> before the previous one, so an event another instance stamped a little earlier but stored a
/// little later is still delivered; an id delivered once is not delivered again.
/// </summary>
internal sealed class EventFeed(IEventStore store, TimeProvider clock, ILogger<EventFeed> logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How late (after its own time) another instance's event may be stored and still reach this feed's clients.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    internal const int PageSize = 500;

    private readonly Lock gate = new();
    private readonly List<EventSubscription> subscriptions = [];
    private readonly Dictionary<string, DateTimeOffset> delivered = new(StringComparer.Ordinal);
    private DateTimeOffset since;

    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscriptions.Count;
            }
        }
    }

    /// <summary>
    /// A new client. With <paramref name="resumeAfter"/> (its last id), the client reads the store after that id
    /// itself and takes every later event the feed delivers from now on; without, only events made from now on.
    /// </summary>
    public EventSubscription Subscribe(EventFilter filter, string? resumeAfter = null)
    {
        var now = clock.GetUtcNow();
        var subscription = new EventSubscription(this, filter, resumeAfter is null ? now : null, resumeAfter);
        lock (gate)
        {
            if (subscriptions.Count == 0)
            {
                // Idle until now: the next read starts from here, not from when the last client left.
                since = now;
                delivered.Clear();
            }

            subscriptions.Add(subscription);
        }

        return subscription;
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (gate)
        {
            subscriptions.Remove(subscription);
        }
    }

    /// <summary>Polls until <paramref name="stopping"/>; a failed read is logged and retried at the next poll.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, clock, stopping);
                await PollAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not read live events from the store: {Error}", e.Message);
            }
        }

        EventSubscription[] left;
        lock (gate)
        {
            left = [.. subscriptions];
        }

        foreach (var subscription in left)
        {
            subscription.End();
        }
    }

    /// <summary>One read of the store: every event not delivered yet goes to every subscription, oldest first.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset from;
        lock (gate)
        {
            if (subscriptions.Count == 0)
            {
                return;
            }

            from = since - Overlap;
        }

        var started = clock.GetUtcNow();
        var after = EventIds.Floor(from);
        while (true)
        {
            var page = await store.ReadAfterAsync(after, from, PageSize, cancellationToken);
            Deliver(page);
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        lock (gate)
        {
            since = started;
            // Nothing older than the next read's start can be read again.
            foreach (var id in delivered.Where(d => d.Value < started - Overlap - Overlap).Select(d => d.Key).ToList())
            {
                delivered.Remove(id);
            }
        }
    }

    private void Deliver(IReadOnlyList<EventRecord> records)
    {
        lock (gate)
        {
            foreach (var record in records)
            {
                if (!delivered.TryAdd(record.Id, EventIds.TimeOf(record.Id) ?? record.At))
                {
                    continue;
                }

                foreach (var subscription in subscriptions)
                {
                    subscription.Offer(record);
                }
            }
        }
    }
}
