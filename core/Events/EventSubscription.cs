using System.Threading.Channels;

namespace Dockward.Core.Events;

/// <summary>
/// One client's share of the <see cref="EventFeed"/>: the events that match its filter, in the order the feed read
/// them. A client that falls <see cref="Capacity"/> events behind is ended (its reader completes with an error) and
/// resumes with <c>Last-Event-ID</c>, instead of holding the feed up or losing events silently.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    public const int Capacity = 1024;

    private readonly Channel<EventRecord> channel = Channel.CreateBounded<EventRecord>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly EventFeed feed;

    internal EventSubscription(EventFeed feed, EventFilter filter, DateTimeOffset? notBefore, string? after)
    {
        this.feed = feed;
        Filter = filter;
        NotBefore = notBefore;
        After = after;
    }

    public EventFilter Filter { get; }

    /// <summary>Events made before this are not this subscription's (it did not ask to resume); null takes every one.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>A resuming client's last id: it has what came before (the feed's re-read overlap must not send it again).</summary>
    public string? After { get; }

    public ChannelReader<EventRecord> Reader => channel.Reader;

    internal void Offer(EventRecord record)
    {
        if ((NotBefore is { } from && record.At < from)
            || (After is not null && string.CompareOrdinal(record.Id, After) <= 0)
            || !Filter.Matches(record))
        {
            return;
        }

        if (!channel.Writer.TryWrite(record))
        {
            channel.Writer.TryComplete(new EventSubscriptionOverflowException());
        }
    }

    internal void End() => channel.Writer.TryComplete();

    public void Dispose()
    {
        feed.Unsubscribe(this);
        End();
    }
}
