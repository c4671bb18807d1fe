using Dockward.Core.Agents;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IEnrolmentTokenStore"/> backend must do; one subclass per backend.</summary>
public abstract class EnrolmentTokenStoreContract
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IEnrolmentTokenStore CreateStore();

    [Fact]
    public async Task An_added_token_reads_back_every_field()
    {
        var store = CreateStore();
        var token = Token() with { UsedAt = Created.AddMinutes(3).AddTicks(99), UsedByAgentId = "agent-1" };

        var added = await store.AddAsync(token, CancellationToken.None);

        added.Version.ShouldNotBeNullOrEmpty();
        (await store.GetAsync(token.Id, CancellationToken.None)).ShouldBe(token with { Version = added.Version });
    }

    [Fact]
    public async Task An_unused_token_reads_back_without_use()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Token(), CancellationToken.None);

        var read = await store.GetAsync(added.Id, CancellationToken.None);

        read.ShouldBe(added);
        read!.UsedAt.ShouldBeNull();
        read.UsedByAgentId.ShouldBeNull();
    }

    [Fact]
    public async Task A_token_never_added_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(Token(), CancellationToken.None);

        (await store.GetAsync(NewId(), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Listing_returns_every_token()
    {
        var store = CreateStore();
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        var first = await store.AddAsync(Token(), CancellationToken.None);
        var second = await store.AddAsync(Token(), CancellationToken.None);

        (await store.ListAsync(CancellationToken.None)).Select(t => t.Id).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_token_is_used_once_and_a_second_agent_using_the_same_read_is_a_conflict()
    {
        var store = CreateStore();
        await store.AddAsync(Token(), CancellationToken.None);
        var read = (await store.ListAsync(CancellationToken.None)).Single();

        var used = await store.UpdateAsync(read with { UsedAt = Created.AddMinutes(1), UsedByAgentId = "agent-1" }, CancellationToken.None);
        await Should.ThrowAsync<ConcurrencyConflictException>(
            () => store.UpdateAsync(read with { UsedAt = Created.AddMinutes(1), UsedByAgentId = "agent-2" }, CancellationToken.None));

        used.Version.ShouldNotBe(read.Version);
        var stored = await store.GetAsync(read.Id, CancellationToken.None);
        stored.ShouldBe(used);
        stored!.UsedByAgentId.ShouldBe("agent-1");
    }

    [Fact]
    public async Task Adding_a_token_whose_id_exists_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var first = await store.AddAsync(Token(), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(
            () => store.AddAsync(Token() with { Id = first.Id, CreatedBy = "user:mallory" }, CancellationToken.None));

        (await store.GetAsync(first.Id, CancellationToken.None))!.CreatedBy.ShouldBe("user:alice");
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static EnrolmentTokenRecord Token() => new(
        NewId(),
        new string('f', 64),
        "user:alice",
        Created,
        Created.AddHours(1),
        UsedAt: null,
        UsedByAgentId: null,
        ForAgentId: "agent-7");
}
