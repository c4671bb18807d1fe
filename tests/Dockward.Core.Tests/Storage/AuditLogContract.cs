using Dockward.Core.Audit;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IAuditLog"/> backend must do; one subclass per backend.</summary>
public abstract class AuditLogContract
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A log over this test's own, initially empty, storage.</summary>
    private protected abstract IAuditLog CreateLog();

    [Fact]
    public async Task A_written_entry_reads_back_every_field()
    {
        var log = CreateLog();
        var full = Entry(Start.AddTicks(12345), "user:alice", "user.create") with
        {
            Target = "user:bob",
            Address = "2001:db8::1",
            Result = AuditResult.Denied,
            Detail = "role Admin",
        };
        var bare = Entry(Start.AddMinutes(1), "system", "audit.prune") with { Address = null };

        await log.WriteAsync(full, CancellationToken.None);
        await log.WriteAsync(bare, CancellationToken.None);

        var read = await log.QueryAsync(new AuditQuery(), CancellationToken.None);
        read.ShouldBe([bare, full]);
        read[0].Target.ShouldBeNull();
        read[0].Detail.ShouldBeNull();
    }

    [Fact]
    public async Task Entries_come_back_newest_first_whatever_order_they_were_written_in()
    {
        var log = CreateLog();
        var entries = new[] { 5, 1, 9, 3, 7 }.Select(m => Entry(Start.AddMinutes(m), "user:alice", "auth.login")).ToList();
        var sameInstant = Entry(Start.AddMinutes(3), "user:bob", "auth.login");
        foreach (var entry in entries.Append(sameInstant))
        {
            await log.WriteAsync(entry, CancellationToken.None);
        }

        var read = await log.QueryAsync(new AuditQuery(), CancellationToken.None);

        read.Select(e => e.At).ShouldBe(new[] { 9, 7, 5, 3, 3, 1 }.Select(m => Start.AddMinutes(m)));
        read.Select(e => e.Id).ShouldContain(sameInstant.Id);
    }

    [Fact]
    public async Task Filtering_by_actor_returns_only_that_actors_entries()
    {
        var log = CreateLog();
        var (alice, _) = await WriteMixAsync(log);

        var read = await log.QueryAsync(new AuditQuery(Actor: "user:alice"), CancellationToken.None);

        read.ShouldBe(alice);
    }

    [Fact]
    public async Task Filtering_by_target_returns_only_entries_on_that_target()
    {
        var log = CreateLog();
        await WriteMixAsync(log);

        var read = await log.QueryAsync(new AuditQuery(Target: "agent-1/web"), CancellationToken.None);

        read.Select(e => e.Action).ShouldBe(["container.update", "container.update"]);
        read.ShouldAllBe(e => e.Target == "agent-1/web");
    }

    [Fact]
    public async Task Filtering_by_result_returns_only_entries_that_ended_that_way()
    {
        var log = CreateLog();
        var (_, failures) = await WriteMixAsync(log);

        var read = await log.QueryAsync(new AuditQuery(Result: AuditResult.Failure), CancellationToken.None);

        read.ShouldBe(failures);
    }

    [Fact]
    public async Task Filtering_by_an_action_matches_it_exactly()
    {
        var log = CreateLog();
        await WriteMixAsync(log);

        var read = await log.QueryAsync(new AuditQuery(Action: "auth.login"), CancellationToken.None);

        read.Count.ShouldBe(3);
        read.ShouldAllBe(e => e.Action == "auth.login");
        (await log.QueryAsync(new AuditQuery(Action: "auth"), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_action_ending_in_dot_star_matches_every_action_under_it_and_nothing_else()
    {
        var log = CreateLog();
        await WriteMixAsync(log);
        await log.WriteAsync(Entry(Start.AddHours(1), "user:alice", "authz.check"), CancellationToken.None);
        await log.WriteAsync(Entry(Start.AddHours(2), "user:alice", "auth"), CancellationToken.None);
        await log.WriteAsync(Entry(Start.AddHours(3), "user:alice", "auth.token.create"), CancellationToken.None);

        var read = await log.QueryAsync(new AuditQuery(Action: "auth.*"), CancellationToken.None);

        read.Select(e => e.Action).ShouldBe(["auth.token.create", "auth.logout", "auth.login", "auth.login", "auth.login"]);
    }

    [Fact]
    public async Task From_is_inclusive_and_to_is_exclusive()
    {
        var log = CreateLog();
        foreach (var minute in Enumerable.Range(0, 10))
        {
            await log.WriteAsync(Entry(Start.AddMinutes(minute), "system", "scan.run"), CancellationToken.None);
        }

        var read = await log.QueryAsync(new AuditQuery(From: Start.AddMinutes(3), To: Start.AddMinutes(7)), CancellationToken.None);
        var fromOnly = await log.QueryAsync(new AuditQuery(From: Start.AddMinutes(8)), CancellationToken.None);
        var toOnly = await log.QueryAsync(new AuditQuery(To: Start.AddMinutes(1)), CancellationToken.None);

        read.Select(e => e.At).ShouldBe(new[] { 6, 5, 4, 3 }.Select(m => Start.AddMinutes(m)));
        fromOnly.Select(e => e.At).ShouldBe([Start.AddMinutes(9), Start.AddMinutes(8)]);
        toOnly.Select(e => e.At).ShouldBe([Start]);
        (await log.QueryAsync(new AuditQuery(From: Start.AddMinutes(1).AddTicks(-1), To: Start.AddMinutes(1).AddTicks(1)), CancellationToken.None))
            .Select(e => e.At).ShouldBe([Start.AddMinutes(1)]);
    }

    [Fact]
    public async Task Filters_combine()
    {
        var log = CreateLog();
        await WriteMixAsync(log);

        var read = await log.QueryAsync(
            new AuditQuery(Actor: "anonymous", Action: "auth.*", Target: "alice", From: Start, To: Start.AddMinutes(30), Result: AuditResult.Failure),
            CancellationToken.None);

        read.Select(e => e.At).ShouldBe([Start.AddMinutes(4)]);
    }

    [Fact]
    public async Task The_limit_returns_the_newest_matches_only()
    {
        var log = CreateLog();
        for (var minute = 0; minute < 30; minute++)
        {
            await log.WriteAsync(Entry(Start.AddMinutes(minute), minute % 3 == 0 ? "user:alice" : "system", "scan.run"), CancellationToken.None);
        }

        var newest = await log.QueryAsync(new AuditQuery(Limit: 4), CancellationToken.None);
        var alicesNewest = await log.QueryAsync(new AuditQuery(Actor: "user:alice", Limit: 3), CancellationToken.None);

        newest.Select(e => e.At).ShouldBe(new[] { 29, 28, 27, 26 }.Select(m => Start.AddMinutes(m)));
        alicesNewest.Select(e => e.At).ShouldBe(new[] { 27, 24, 21 }.Select(m => Start.AddMinutes(m)));
        (await log.QueryAsync(new AuditQuery(Limit: 0), CancellationToken.None)).Select(e => e.At).ShouldBe([Start.AddMinutes(29)]);
        (await log.QueryAsync(new AuditQuery(Limit: int.MaxValue), CancellationToken.None)).Count.ShouldBe(30);
    }

    [Fact]
    public async Task Pruning_removes_entries_older_than_the_time_counts_them_and_keeps_the_rest()
    {
        var log = CreateLog();
        var cutoff = Start.AddDays(90);
        for (var i = 1; i <= 130; i++)
        {
            await log.WriteAsync(Entry(cutoff.AddMinutes(-i), "system", "scan.run"), CancellationToken.None);
        }

        var atCutoff = Entry(cutoff, "user:alice", "auth.login");
        var newer = Entry(cutoff.AddSeconds(1), "user:alice", "auth.logout");
        await log.WriteAsync(atCutoff, CancellationToken.None);
        await log.WriteAsync(newer, CancellationToken.None);

        (await log.PruneAsync(cutoff, CancellationToken.None)).ShouldBe(130);

        (await log.QueryAsync(new AuditQuery(Limit: 1000), CancellationToken.None)).ShouldBe([newer, atCutoff]);
        (await log.PruneAsync(cutoff, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Writing_the_same_entry_twice_is_a_conflict_and_keeps_one()
    {
        var log = CreateLog();
        var entry = Entry(Start, "user:alice", "auth.login");
        await log.WriteAsync(entry, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => log.WriteAsync(entry, CancellationToken.None));

        (await log.QueryAsync(new AuditQuery(), CancellationToken.None)).ShouldBe([entry]);
    }

    /// <summary>A morning's mix; returns alice's entries and the failures, each newest first.</summary>
    private static async Task<(AuditEntry[] Alice, AuditEntry[] Failures)> WriteMixAsync(IAuditLog log)
    {
        AuditEntry[] entries =
        [
            Entry(Start.AddMinutes(1), "user:alice", "auth.login") with { Target = "alice" },
            Entry(Start.AddMinutes(2), "system", "scan.run"),
            Entry(Start.AddMinutes(3), "user:alice", "container.update") with { Target = "agent-1/web" },
            Entry(Start.AddMinutes(4), "anonymous", "auth.login") with { Target = "alice", Result = AuditResult.Failure },
            Entry(Start.AddMinutes(5), "token:t1:ci", "container.update") with { Target = "agent-1/web", Result = AuditResult.Denied },
            Entry(Start.AddMinutes(6), "anonymous", "auth.login") with { Target = "root", Result = AuditResult.Failure },
            Entry(Start.AddMinutes(7), "user:alice", "auth.logout"),
            Entry(Start.AddMinutes(40), "anonymous", "user.create") with { Target = "alice", Result = AuditResult.Failure },
        ];
        foreach (var entry in entries)
        {
            await log.WriteAsync(entry, CancellationToken.None);
        }

        var newestFirst = entries.OrderByDescending(e => e.At).ToArray();
        return (
            newestFirst.Where(e => e.Actor == "user:alice").ToArray(),
            newestFirst.Where(e => e.Result == AuditResult.Failure).ToArray());
    }

    private static AuditEntry Entry(DateTimeOffset at, string actor, string action) =>
        new(Guid.NewGuid().ToString("N"), at, actor, action, Target: null, Address: "192.0.2.7", AuditResult.Success, Detail: null);
}
