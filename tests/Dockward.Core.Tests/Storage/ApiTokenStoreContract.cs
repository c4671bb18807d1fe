using Dockward.Core.Security;
using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IApiTokenStore"/> backend must do; one subclass per backend.</summary>
public abstract class ApiTokenStoreContract
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IApiTokenStore CreateStore();

    [Fact]
    public async Task An_added_token_reads_back_every_field()
    {
        var store = CreateStore();
        var token = Token("user-1", "deploy script") with
        {
            Role = Role.Operator,
            ExpiresAt = Created.AddDays(90),
            LastUsedAt = Created.AddHours(3).AddTicks(7),
            RevokedAt = Created.AddDays(1),
        };

        var added = await store.AddAsync(token, CancellationToken.None);

        added.Version.ShouldNotBeNullOrEmpty();
        (await store.GetAsync(token.Id, CancellationToken.None)).ShouldBe(token with { Version = added.Version });
    }

    [Fact]
    public async Task A_token_without_expiry_that_was_never_used_reads_back_with_nulls()
    {
        var store = CreateStore();
        var token = Token("user-1", "ci");

        var added = await store.AddAsync(token, CancellationToken.None);

        var read = await store.GetAsync(token.Id, CancellationToken.None);
        read.ShouldBe(added);
        read!.ExpiresAt.ShouldBeNull();
        read.LastUsedAt.ShouldBeNull();
        read.RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_token_never_added_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(Token("user-1", "ci"), CancellationToken.None);

        (await store.GetAsync(NewId(), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Tokens_list_all_together_or_by_their_user()
    {
        var store = CreateStore();
        var ci = await store.AddAsync(Token("user-1", "ci"), CancellationToken.None);
        var backup = await store.AddAsync(Token("user-1", "backup"), CancellationToken.None);
        var other = await store.AddAsync(Token("user-2", "ci"), CancellationToken.None);

        (await store.ListByUserAsync("user-1", CancellationToken.None)).Select(t => t.Id).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { ci.Id, backup.Id }.Order(StringComparer.Ordinal));
        (await store.ListByUserAsync("user-3", CancellationToken.None)).ShouldBeEmpty();
        (await store.ListAsync(CancellationToken.None)).Select(t => t.Id).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { ci.Id, backup.Id, other.Id }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_update_is_stored_and_gives_a_new_version()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Token("user-1", "ci"), CancellationToken.None);

        var updated = await store.UpdateAsync(added with { LastUsedAt = Created.AddMinutes(5) }, CancellationToken.None);

        updated.Version.ShouldNotBe(added.Version);
        (await store.GetAsync(added.Id, CancellationToken.None)).ShouldBe(updated);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_keeps_the_newer_write()
    {
        var store = CreateStore();
        var stale = await store.AddAsync(Token("user-1", "ci"), CancellationToken.None);
        var revoked = Created.AddMinutes(1);
        await store.UpdateAsync(stale with { RevokedAt = revoked }, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale with { LastUsedAt = Created.AddMinutes(2) }, CancellationToken.None));

        var read = await store.GetAsync(stale.Id, CancellationToken.None);
        read!.RevokedAt.ShouldBe(revoked);
        read.LastUsedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Adding_a_token_whose_id_exists_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var first = await store.AddAsync(Token("user-1", "ci"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(Token("user-2", "other") with { Id = first.Id }, CancellationToken.None));

        (await store.GetAsync(first.Id, CancellationToken.None))!.UserId.ShouldBe("user-1");
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static ApiTokenRecord Token(string userId, string name) => new(
        NewId(),
        userId,
        name,
        Role.Viewer,
        SecretHash: new string('c', 64),
        CreatedAt: Created,
        ExpiresAt: null,
        LastUsedAt: null,
        RevokedAt: null);
}
