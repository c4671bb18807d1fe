using Dockward.Core.Events;
using Dockward.Core.Security;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockward.Core.Tests.Events;

/// <summary>The per-instance feed over the real event store: order, no duplicates, late writes, role and filters.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class EventFeedTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task Events_reach_a_subscriber_oldest_first_and_each_once_however_often_the_feed_reads()
    {
        var store = new TableEventStore(backend.Connect(), TimeProvider.System);
        var feed = new EventFeed(store, TimeProvider.System, NullLogger<EventFeed>.Instance);
        using var subscription = feed.Subscribe(new EventFilter(Role.Viewer));
        var written = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            written.Add(await AppendAsync(store, DateTimeOffset.UtcNow, EventTypes.PolicyChanged));
        }

        await feed.PollAsync(CancellationToken.None);
        await feed.PollAsync(CancellationToken.None);
        await feed.PollAsync(CancellationToken.None);

        Drain(subscription).ShouldBe(written);
    }

    [Fact]
    public async Task An_event_stored_late_with_an_earlier_id_by_another_instance_is_still_delivered_once()
    {
        var store = new TableEventStore(backend.Connect(), TimeProvider.System);
        var feed = new EventFeed(store, TimeProvider.System, NullLogger<EventFeed>.Instance);
        var resumedFrom = EventIds.New(DateTimeOffset.UtcNow.AddSeconds(-1));
        using var subscription = feed.Subscribe(new EventFilter(Role.Viewer), resumeAfter: resumedFrom);
        var stampedEarly = DateTimeOffset.UtcNow;
        var first = await AppendAsync(store, DateTimeOffset.UtcNow.AddMilliseconds(5), EventTypes.JobStep);
        await feed.PollAsync(CancellationToken.None);

        // Another instance stamped its event before `first` but stored it only after this feed's read.
        var late = await AppendAsync(store, stampedEarly, EventTypes.JobStep);
        await feed.PollAsync(CancellationToken.None);
        await feed.PollAsync(CancellationToken.None);

        Drain(subscription).ShouldBe([first, late]);
    }

    [Fact]
    public async Task A_resuming_subscriber_does_not_get_again_what_came_up_to_its_last_id_when_the_feed_re_reads_it()
    {
        var store = new TableEventStore(backend.Connect(), TimeProvider.System);
        var feed = new EventFeed(store, TimeProvider.System, NullLogger<EventFeed>.Instance);
        var seen = await AppendAsync(store, DateTimeOffset.UtcNow.AddSeconds(-2), EventTypes.PolicyChanged);
        using var subscription = feed.Subscribe(new EventFilter(Role.Viewer), resumeAfter: seen);
        var next = await AppendAsync(store, DateTimeOffset.UtcNow, EventTypes.PolicyChanged);

        await feed.PollAsync(CancellationToken.None);

        Drain(subscription).ShouldBe([next]);
    }

    [Fact]
    public async Task A_subscriber_gets_only_what_its_role_may_see_and_its_filter_asks_for_and_nothing_from_before_it_joined()
    {
        var store = new TableEventStore(backend.Connect(), TimeProvider.System);
        var feed = new EventFeed(store, TimeProvider.System, NullLogger<EventFeed>.Instance);
        using var first = feed.Subscribe(new EventFilter(Role.Viewer));
        await Task.Delay(50);
        var beforeJoining = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        using var viewer = feed.Subscribe(new EventFilter(Role.Viewer, new HashSet<string> { EventTypes.JobStep }, "agent-a"));
        using var admin = feed.Subscribe(new EventFilter(Role.Admin));
        await AppendAsync(store, beforeJoining, EventTypes.JobStep, "agent-a");
        var step = await AppendAsync(store, DateTimeOffset.UtcNow, EventTypes.JobStep, "agent-a");
        await AppendAsync(store, DateTimeOffset.UtcNow, EventTypes.JobStep, "agent-b");
        await AppendAsync(store, DateTimeOffset.UtcNow, EventTypes.CheckResult, "agent-a");
        var settings = await AppendAsync(store, DateTimeOffset.UtcNow, EventTypes.SettingsChanged, visibility: Role.Admin);

        await feed.PollAsync(CancellationToken.None);

        Drain(viewer).ShouldBe([step]);
        var adminGot = Drain(admin);
        adminGot.Count.ShouldBe(4);
        adminGot.ShouldContain(settings);
        Drain(first).ShouldNotContain(settings);
    }

    [Fact]
    public async Task A_subscriber_that_falls_too_far_behind_is_ended_instead_of_losing_events_silently()
    {
        var store = new TableEventStore(backend.Connect(), TimeProvider.System);
        var feed = new EventFeed(store, TimeProvider.System, NullLogger<EventFeed>.Instance);
        using var slow = feed.Subscribe(new EventFilter(Role.Viewer));
        var now = DateTimeOffset.UtcNow;
        var storage = backend.Connect();
        var table = await storage.TableAsync("events", CancellationToken.None);
        foreach (var batch in Enumerable.Range(0, EventSubscription.Capacity + 10).Chunk(100))
        {
            // One partition per hour: the events of one instant go in one transaction.
            await table.SubmitTransactionAsync(batch.Select(_ => new Azure.Data.Tables.TableTransactionAction(
                Azure.Data.Tables.TableTransactionActionType.Add,
                new Azure.Data.Tables.TableEntity(now.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), EventIds.New(now))
                {
                    ["At"] = now, ["Type"] = EventTypes.JobStep, ["Visibility"] = (int)Role.Viewer, ["Data"] = "{}",
                })), CancellationToken.None);
        }

        await feed.PollAsync(CancellationToken.None);

        var drained = 0;
        var ended = await Should.ThrowAsync<EventSubscriptionOverflowException>(async () =>
        {
            await foreach (var _ in slow.Reader.ReadAllAsync())
            {
                drained++;
            }
        });
        ended.ShouldNotBeNull();
        drained.ShouldBe(EventSubscription.Capacity);
    }

    private static async Task<string> AppendAsync(
        TableEventStore store, DateTimeOffset at, string type, string? agentId = null, Role visibility = Role.Viewer)
    {
        var record = new EventRecord(EventIds.New(at), at, type, visibility, agentId, null, "{}");
        await store.AppendAsync(record, CancellationToken.None);
        return record.Id;
    }

    private static List<string> Drain(EventSubscription subscription)
    {
        var ids = new List<string>();
        while (subscription.Reader.TryRead(out var record))
        {
            ids.Add(record.Id);
        }

        return ids;
    }
}
