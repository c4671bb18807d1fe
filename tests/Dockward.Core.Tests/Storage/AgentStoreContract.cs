using Dockward.Core.Agents;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IAgentStore"/> backend must do; one subclass per backend.</summary>
public abstract class AgentStoreContract
{
    private static readonly DateTimeOffset Enrolled = new(2025, 3, 1, 8, 30, 15, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IAgentStore CreateStore();

    [Fact]
    public async Task An_added_agent_reads_back_the_same_by_id_and_by_name()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);

        added.Version.ShouldNotBeNullOrEmpty();
        (await store.GetAsync("a1", CancellationToken.None)).ShouldBe(added);
        (await store.FindByNameAsync("host-one", CancellationToken.None)).ShouldBe(added);
    }

    [Fact]
    public async Task A_name_with_quotes_and_spaces_is_found_exactly()
    {
        var store = CreateStore();
        await store.AddAsync(Agent("a1", "O'Brien's host"), CancellationToken.None);
        await store.AddAsync(Agent("a2", "O'Brien's host 2"), CancellationToken.None);

        (await store.FindByNameAsync("O'Brien's host", CancellationToken.None))!.Id.ShouldBe("a1");
        (await store.FindByNameAsync("' or Name ne '", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_revoked_agent_reads_back_when_it_was_revoked()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);
        (await store.GetAsync("a1", CancellationToken.None))!.RevokedAt.ShouldBeNull();
        var revoked = Enrolled.AddDays(2).AddTicks(321);

        var updated = await store.UpdateAsync(added with { RevokedAt = revoked }, CancellationToken.None);

        var read = await store.GetAsync("a1", CancellationToken.None);
        read.ShouldBe(updated);
        read!.RevokedAt.ShouldBe(revoked);
        (await store.FindByNameAsync("host-one", CancellationToken.None))!.RevokedAt.ShouldBe(revoked);
    }

    [Fact]
    public async Task An_agent_never_seen_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);

        (await store.GetAsync("a2", CancellationToken.None)).ShouldBeNull();
        (await store.FindByNameAsync("host-two", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Listing_returns_every_enrolled_agent()
    {
        var store = CreateStore();
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);
        await store.AddAsync(Agent("a2", "host-two"), CancellationToken.None);

        var names = (await store.ListAsync(CancellationToken.None)).Select(a => a.Name).Order(StringComparer.Ordinal);

        names.ShouldBe(["host-one", "host-two"]);
    }

    [Fact]
    public async Task An_update_is_stored_and_gives_a_new_version()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);
        var seen = Enrolled.AddMinutes(5);

        var updated = await store.UpdateAsync(added with { LastSeenAt = seen, AgentVersion = "0.2.0", CredentialHash = "new-hash" }, CancellationToken.None);

        updated.Version.ShouldNotBe(added.Version);
        var read = await store.GetAsync("a1", CancellationToken.None);
        read.ShouldNotBeNull();
        read.LastSeenAt.ShouldBe(seen);
        read.AgentVersion.ShouldBe("0.2.0");
        read.CredentialHash.ShouldBe("new-hash");
        read.Version.ShouldBe(updated.Version);
    }

    [Fact]
    public async Task An_agent_read_back_can_be_updated_with_the_version_it_was_read_at()
    {
        var store = CreateStore();
        await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);
        var read = await store.GetAsync("a1", CancellationToken.None);

        await store.UpdateAsync(read! with { DockerVersion = "28.0" }, CancellationToken.None);

        (await store.FindByNameAsync("host-one", CancellationToken.None))!.DockerVersion.ShouldBe("28.0");
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_keeps_the_newer_write()
    {
        var store = CreateStore();
        var stale = await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);
        await store.UpdateAsync(stale with { AgentVersion = "0.2.0" }, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale with { AgentVersion = "0.3.0" }, CancellationToken.None));

        (await store.GetAsync("a1", CancellationToken.None))!.AgentVersion.ShouldBe("0.2.0");
    }

    [Fact]
    public async Task Updating_an_agent_that_was_never_stored_is_a_conflict()
    {
        var store = CreateStore();
        var other = await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(other with { Id = "a2" }, CancellationToken.None));

        (await store.GetAsync("a2", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Adding_an_agent_whose_id_exists_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        await store.AddAsync(Agent("a1", "host-one"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(Agent("a1", "impostor"), CancellationToken.None));

        (await store.GetAsync("a1", CancellationToken.None))!.Name.ShouldBe("host-one");
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    private static AgentRecord Agent(string id, string name) =>
        new(id, name, "hash-" + id, "0.1.0", "27.5", Enrolled, LastSeenAt: null);
}
