using System.Threading.Channels;
using Dockward.Core.Events;
using Dockward.Core.Settings;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Events;

/// <summary>
/// GET /api/events: live events as server-sent events, only those the caller's role may see and its filters ask for.
/// A client that resumes (<c>Last-Event-ID</c>) first gets what it missed from the store, then the live events, with
/// no gap and no duplicate. A comment every <see cref="ServerSentEventStream.KeepAlive"/> keeps the connection from
/// idling out.
/// </summary>
internal sealed class StreamEventsFunction(
    EventFeed feed,
    IEventStore store,
    SystemSettings settings,
    TimeProvider clock,
    ILogger<StreamEventsFunction> logger) : IStreamingHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (query, problem) = EventQuery.Parse(context.Request, Caller.Of(context).Role);
        if (query is null)
        {
            return problem!;
        }

        // Subscribed before the store is read, so nothing made meanwhile falls between the two.
        using var subscription = feed.Subscribe(query.Filter, query.LastEventId);
        try
        {
            var stream = await ServerSentEventStream.StartAsync(context, clock, cancellationToken);
            var sent = query.LastEventId is { } last ? await SendMissedAsync(stream, query.Filter, last, cancellationToken) : [];
            await StreamLiveAsync(stream, subscription.Reader, sent, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Event stream ended: {Reason}", context.RequestAborted.IsCancellationRequested ? "the client left" : "the host stops");
        }
        catch (Exception e) when (e is EventSubscriptionOverflowException or ChannelClosedException)
        {
            logger.LogInformation("Event stream ended: the client read too slowly; it resumes from its last id");
        }

        return Results.Empty;
    }

    /// <summary>The events after <paramref name="lastEventId"/> within the retention window; returns their ids.</summary>
    private async Task<HashSet<string>> SendMissedAsync(ServerSentEventStream stream, EventFilter filter, string lastEventId, CancellationToken cancellationToken)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var notBefore = clock.GetUtcNow().AddMinutes(-(await settings.GetAsync(cancellationToken)).EventRetentionMinutes);
        var after = lastEventId;
        while (true)
        {
            var page = await store.ReadAfterAsync(after, notBefore, EventFeed.PageSize, cancellationToken);
            foreach (var record in page.Where(filter.Matches))
            {
                await stream.EventAsync(record, cancellationToken);
                sent.Add(record.Id);
            }

            if (page.Count < EventFeed.PageSize)
            {
                return sent;
            }

            after = page[^1].Id;
        }
    }

    private static async Task StreamLiveAsync(ServerSentEventStream stream, ChannelReader<EventRecord> events, HashSet<string> sent, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                beat.CancelAfter(ServerSentEventStream.KeepAlive);
                try
                {
                    more = await events.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await stream.CommentAsync("heartbeat", cancellationToken);
                    continue;
                }
            }

            if (!more)
            {
                return;
            }

            while (events.TryRead(out var record))
            {
                // The feed re-reads a short overlap: what the catch-up already sent is not sent twice.
                if (!sent.Remove(record.Id))
                {
                    await stream.EventAsync(record, cancellationToken);
                }
            }
        }
    }
}
