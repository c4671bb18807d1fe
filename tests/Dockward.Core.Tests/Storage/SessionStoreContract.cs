using Dockward.Core.Security.Sessions;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="ISessionStore"/> backend must do; one subclass per backend.</summary>
public abstract class SessionStoreContract
{
    private static readonly DateTimeOffset Login = new(2025, 3, 1, 9, 15, 30, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract ISessionStore CreateStore();

    [Fact]
    public async Task An_added_session_reads_back_every_field()
    {
        var store = CreateStore();
        var session = Session("user-1", Login) with
        {
            UsedTokenHashes = [Hash('3'), Hash('2'), Hash('1')],
            RevokedAt = Login.AddMinutes(30).AddTicks(42),
            RevokedReason = "refresh token reused",
        };

        var added = await store.AddAsync(session, CancellationToken.None);

        added.Version.ShouldNotBeNullOrEmpty();
        var read = await store.GetAsync(session.Id, CancellationToken.None);
        read.ShouldNotBeNull();
        read.Id.ShouldBe(session.Id);
        read.UserId.ShouldBe("user-1");
        read.RefreshTokenHash.ShouldBe(session.RefreshTokenHash);
        read.UsedTokenHashes.ShouldBe([Hash('3'), Hash('2'), Hash('1')]);
        read.SecurityStamp.ShouldBe(session.SecurityStamp);
        read.CreatedAt.ShouldBe(Login);
        read.ExpiresAt.ShouldBe(session.ExpiresAt);
        read.RevokedAt.ShouldBe(session.RevokedAt);
        read.RevokedReason.ShouldBe("refresh token reused");
        read.Address.ShouldBe("192.0.2.10");
        read.Version.ShouldBe(added.Version);
    }

    [Fact]
    public async Task A_new_session_reads_back_with_no_used_tokens_and_no_revocation()
    {
        var store = CreateStore();
        var session = Session("user-1", Login) with { Address = null };

        await store.AddAsync(session, CancellationToken.None);

        var read = await store.GetAsync(session.Id, CancellationToken.None);
        read.ShouldNotBeNull();
        read.UsedTokenHashes.ShouldBeEmpty();
        read.RevokedAt.ShouldBeNull();
        read.RevokedReason.ShouldBeNull();
        read.Address.ShouldBeNull();
    }

    [Fact]
    public async Task A_session_never_added_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(Session("user-1", Login), CancellationToken.None);

        (await store.GetAsync(NewId(), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_users_sessions_are_only_its_own()
    {
        var store = CreateStore();
        var first = await store.AddAsync(Session("user-1", Login), CancellationToken.None);
        var second = await store.AddAsync(Session("user-1", Login.AddHours(1)), CancellationToken.None);
        await store.AddAsync(Session("user-2", Login), CancellationToken.None);

        var sessions = await store.ListByUserAsync("user-1", CancellationToken.None);

        sessions.Select(s => s.Id).Order(StringComparer.Ordinal).ShouldBe(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal));
        (await store.ListByUserAsync("user-3", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rotation_is_stored_and_gives_a_new_version()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Session("user-1", Login), CancellationToken.None);

        var rotated = await store.UpdateAsync(
            added with { RefreshTokenHash = Hash('9'), UsedTokenHashes = [added.RefreshTokenHash], ExpiresAt = Login.AddDays(14) }, CancellationToken.None);

        rotated.Version.ShouldNotBe(added.Version);
        var read = await store.GetAsync(added.Id, CancellationToken.None);
        read!.RefreshTokenHash.ShouldBe(Hash('9'));
        read.UsedTokenHashes.ShouldBe([added.RefreshTokenHash]);
        read.ExpiresAt.ShouldBe(Login.AddDays(14));
        read.Version.ShouldBe(rotated.Version);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_keeps_the_newer_write()
    {
        var store = CreateStore();
        var stale = await store.AddAsync(Session("user-1", Login), CancellationToken.None);
        await store.UpdateAsync(stale with { RefreshTokenHash = Hash('8') }, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale with { RefreshTokenHash = Hash('9') }, CancellationToken.None));

        (await store.GetAsync(stale.Id, CancellationToken.None))!.RefreshTokenHash.ShouldBe(Hash('8'));
    }

    [Fact]
    public async Task Adding_a_session_whose_id_exists_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var first = await store.AddAsync(Session("user-1", Login), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(Session("user-2", Login) with { Id = first.Id }, CancellationToken.None));

        (await store.GetAsync(first.Id, CancellationToken.None))!.UserId.ShouldBe("user-1");
    }

    [Fact]
    public async Task Deleting_expired_sessions_removes_only_those_that_expired_before_the_time_and_counts_them()
    {
        var store = CreateStore();
        var cutoff = Login.AddDays(7);
        var expired = new List<SessionRecord>();
        foreach (var hours in new[] { 1, 2, 3 })
        {
            expired.Add(await store.AddAsync(Session("user-1", Login) with { ExpiresAt = cutoff.AddHours(-hours) }, CancellationToken.None));
        }

        var atCutoff = await store.AddAsync(Session("user-1", Login) with { ExpiresAt = cutoff }, CancellationToken.None);
        var later = await store.AddAsync(Session("user-2", Login) with { ExpiresAt = cutoff.AddHours(1) }, CancellationToken.None);

        var deleted = await store.DeleteExpiredAsync(cutoff, CancellationToken.None);

        deleted.ShouldBe(3);
        foreach (var session in expired)
        {
            (await store.GetAsync(session.Id, CancellationToken.None)).ShouldBeNull();
        }

        (await store.GetAsync(atCutoff.Id, CancellationToken.None)).ShouldNotBeNull();
        (await store.GetAsync(later.Id, CancellationToken.None)).ShouldNotBeNull();
        (await store.DeleteExpiredAsync(cutoff, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Deleting_expired_sessions_when_there_are_more_than_one_batch_removes_them_all()
    {
        var store = CreateStore();
        var cutoff = Login.AddDays(7);
        for (var i = 0; i < 130; i++)
        {
            await store.AddAsync(Session($"user-{i % 7}", Login) with { ExpiresAt = cutoff.AddMinutes(-1 - i) }, CancellationToken.None);
        }

        var kept = await store.AddAsync(Session("user-1", Login) with { ExpiresAt = cutoff.AddDays(1) }, CancellationToken.None);

        (await store.DeleteExpiredAsync(cutoff, CancellationToken.None)).ShouldBe(130);

        (await store.ListByUserAsync("user-1", CancellationToken.None)).Select(s => s.Id).ShouldBe([kept.Id]);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static string Hash(char c) => new(c, 64);

    private static SessionRecord Session(string userId, DateTimeOffset created) => new(
        NewId(),
        userId,
        Hash('a'),
        UsedTokenHashes: [],
        SecurityStamp: "stamp-" + userId,
        CreatedAt: created,
        ExpiresAt: created.AddDays(7),
        RevokedAt: null,
        RevokedReason: null,
        Address: "192.0.2.10");
}
