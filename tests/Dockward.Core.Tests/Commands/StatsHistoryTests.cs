using Dockward.Contracts;
using Dockward.Core.Containers.Stats;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Commands;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class StatsHistoryTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    [Fact]
    public async Task Reports_within_one_sample_slot_keep_one_sample_per_container()
    {
        var history = History(sampleSeconds: 3600);
        // Both reports in the current hour's slot, whatever the minute now.
        var slot = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);

        (await history.RecordAsync("agent-1", [Sample("web", slot, 1), Sample("db", slot, 2)], CancellationToken.None)).ShouldBe(2);
        (await history.RecordAsync("agent-1", [Sample("web", slot.AddSeconds(30), 3)], CancellationToken.None)).ShouldBe(0);

        (await history.ReadAsync("agent-1", "web", TimeSpan.FromHours(2), CancellationToken.None)).Select(s => s.CpuPercent).ShouldBe([1]);
        (await history.ReadAsync("agent-1", "db", TimeSpan.FromHours(2), CancellationToken.None)).Select(s => s.CpuPercent).ShouldBe([2]);
        (await history.ReadAsync("agent-2", "web", TimeSpan.FromHours(2), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Samples_in_later_slots_are_each_kept_and_read_oldest_first_within_the_window()
    {
        var history = History(sampleSeconds: 60);
        var now = DateTimeOffset.UtcNow;

        foreach (var minutesAgo in new[] { 30, 10, 2 })
        {
            await history.RecordAsync("agent-1", [Sample("web", now.AddMinutes(-minutesAgo), minutesAgo)], CancellationToken.None);
        }

        (await history.ReadAsync("agent-1", "web", TimeSpan.FromMinutes(15), CancellationToken.None)).Select(s => s.CpuPercent).ShouldBe([10, 2]);
        (await history.ReadAsync("agent-1", "web", TimeSpan.FromMinutes(60), CancellationToken.None)).Select(s => s.CpuPercent).ShouldBe([30, 10, 2]);
    }

    [Fact]
    public async Task Invalid_samples_are_skipped_and_the_valid_ones_kept()
    {
        var history = History(sampleSeconds: 60);
        var now = DateTimeOffset.UtcNow;

        var recorded = await history.RecordAsync("agent-1", [Sample("/bad name", now, 1), Sample("web", now, -5), Sample("db", now, 3) with { MemoryBytes = -1 }, Sample("ok", now, 4)], CancellationToken.None);

        recorded.ShouldBe(1);
        (await history.ReadAsync("agent-1", "ok", TimeSpan.FromMinutes(5), CancellationToken.None)).ShouldHaveSingleItem().CpuPercent.ShouldBe(4);
    }

    [Fact]
    public async Task Pruning_drops_the_hours_past_the_retention()
    {
        var history = History(sampleSeconds: 60, retentionHours: 1);
        var now = DateTimeOffset.UtcNow;
        await history.RecordAsync("agent-1", [Sample("web", now.AddHours(-3), 1)], CancellationToken.None);
        await history.RecordAsync("agent-1", [Sample("web", now, 2)], CancellationToken.None);

        (await history.PruneAsync(TimeSpan.FromHours(1), CancellationToken.None)).ShouldBe(1);

        (await history.ReadAsync("agent-1", "web", TimeSpan.FromHours(4), CancellationToken.None)).Select(s => s.CpuPercent).ShouldBe([2]);
    }

    private StatsHistory History(int sampleSeconds, int retentionHours = 24) => new(
        new TableStatsStore(backend.Connect(), TimeProvider.System),
        Options.Create(new StatsOptions { SampleSeconds = sampleSeconds, RetentionHours = retentionHours }),
        TimeProvider.System,
        NullLogger<StatsHistory>.Instance);

    private static ContainerStats Sample(string name, DateTimeOffset at, double cpu) => new(name, at, cpu, 1000, 4000, 10, 20, 30, 40);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
