using Dockward.Core.Registries;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IRegistryStore"/> backend must do; one subclass per backend.</summary>
public abstract class RegistryStoreContract
{
    private static readonly DateTimeOffset Updated = new(2025, 3, 1, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IRegistryStore CreateStore();

    [Fact]
    public async Task An_added_registry_reads_back_every_field()
    {
        var store = CreateStore();
        var registry = Registry("registry.local:5000");

        var added = await store.AddAsync(registry, CancellationToken.None);

        added.Version.ShouldNotBeNullOrEmpty();
        (await store.GetAsync("registry.local:5000", CancellationToken.None)).ShouldBe(registry with { Version = added.Version });
    }

    [Fact]
    public async Task A_host_is_found_in_any_case()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);

        (await store.GetAsync("GHCR.io", CancellationToken.None)).ShouldBe(added);
    }

    [Fact]
    public async Task A_host_never_added_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);

        (await store.GetAsync("docker.io", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Listing_returns_every_registry()
    {
        var store = CreateStore();
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);
        await store.AddAsync(Registry("registry.local:5000"), CancellationToken.None);

        (await store.ListAsync(CancellationToken.None)).Select(r => r.Host).Order(StringComparer.Ordinal).ShouldBe(["ghcr.io", "registry.local:5000"]);
    }

    [Fact]
    public async Task An_update_is_stored_and_gives_a_new_version()
    {
        var store = CreateStore();
        var added = await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);

        var updated = await store.UpdateAsync(
            added with { UserName = "bot", PasswordCipher = "cipher-2", UpdatedAt = Updated.AddDays(1), UpdatedBy = "user:bob" }, CancellationToken.None);

        updated.Version.ShouldNotBe(added.Version);
        (await store.GetAsync("ghcr.io", CancellationToken.None)).ShouldBe(updated);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_keeps_the_newer_write()
    {
        var store = CreateStore();
        var stale = await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);
        await store.UpdateAsync(stale with { PasswordCipher = "cipher-2" }, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale with { PasswordCipher = "cipher-3" }, CancellationToken.None));

        (await store.GetAsync("ghcr.io", CancellationToken.None))!.PasswordCipher.ShouldBe("cipher-2");
    }

    [Fact]
    public async Task Adding_a_host_that_exists_in_any_case_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(Registry("ghcr.io") with { UserName = "other" }, CancellationToken.None));
        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(Registry("GHCR.IO") with { UserName = "other" }, CancellationToken.None));

        (await store.GetAsync("ghcr.io", CancellationToken.None))!.UserName.ShouldBe("robot");
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_deleted_registry_is_gone_and_deleting_it_again_returns_false()
    {
        var store = CreateStore();
        await store.AddAsync(Registry("ghcr.io"), CancellationToken.None);
        await store.AddAsync(Registry("registry.local:5000"), CancellationToken.None);

        (await store.DeleteAsync("ghcr.io", CancellationToken.None)).ShouldBeTrue();

        (await store.GetAsync("ghcr.io", CancellationToken.None)).ShouldBeNull();
        (await store.DeleteAsync("ghcr.io", CancellationToken.None)).ShouldBeFalse();
        (await store.DeleteAsync("never.example.com", CancellationToken.None)).ShouldBeFalse();
        (await store.ListAsync(CancellationToken.None)).Select(r => r.Host).ShouldBe(["registry.local:5000"]);
    }

    private static RegistryRecord Registry(string host) => new(host, "robot", "cipher-1", Updated, "user:alice");
}
