using Dockward.Core.Security;
using Dockward.Core.Security.Users;
using Dockward.Core.Storage;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IUserStore"/> backend must do; one subclass per backend.</summary>
public abstract class UserStoreContract
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IUserStore CreateStore();

    [Fact]
    public async Task An_added_user_reads_back_every_field_by_id_and_by_name()
    {
        var store = CreateStore();
        var user = User("Alice") with
        {
            Role = Role.Operator,
            Disabled = true,
            FailedLogins = 3,
            LockedUntil = Created.AddMinutes(15).AddTicks(1234),
            LastLoginAt = new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)),
        };

        var added = await store.AddAsync(user, CancellationToken.None);

        added.Version.ShouldNotBeNullOrEmpty();
        var read = await store.GetAsync(user.Id, CancellationToken.None);
        read.ShouldBe(user with { Version = added.Version });
        (await store.FindByNameAsync("Alice", CancellationToken.None)).ShouldBe(read);
    }

    [Fact]
    public async Task A_user_who_never_logged_in_reads_back_without_lock_or_last_login()
    {
        var store = CreateStore();
        var user = User("bob") with { PasswordHash = "" };

        await store.AddAsync(user, CancellationToken.None);

        var read = await store.GetAsync(user.Id, CancellationToken.None);
        read.ShouldNotBeNull();
        read.PasswordHash.ShouldBe("");
        read.LockedUntil.ShouldBeNull();
        read.LastLoginAt.ShouldBeNull();
        read.Role.ShouldBe(Role.Viewer);
        read.Disabled.ShouldBeFalse();
    }

    [Fact]
    public async Task A_user_name_is_found_in_any_case_and_keeps_the_case_it_was_typed_in()
    {
        var store = CreateStore();
        var added = await store.AddAsync(User("Alice"), CancellationToken.None);

        foreach (var typed in new[] { "alice", "ALICE", "aLiCe" })
        {
            var found = await store.FindByNameAsync(typed, CancellationToken.None);
            found.ShouldNotBeNull();
            found.Id.ShouldBe(added.Id);
            found.UserName.ShouldBe("Alice");
        }
    }

    [Fact]
    public async Task Adding_a_user_name_that_exists_in_another_case_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var first = await store.AddAsync(User("alice"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(User("Alice"), CancellationToken.None));

        (await store.FindByNameAsync("ALICE", CancellationToken.None))!.Id.ShouldBe(first.Id);
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Adding_a_user_whose_id_exists_is_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var first = await store.AddAsync(User("alice"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.AddAsync(User("mallory") with { Id = first.Id }, CancellationToken.None));

        (await store.GetAsync(first.Id, CancellationToken.None))!.UserName.ShouldBe("alice");
        (await store.FindByNameAsync("mallory", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_user_never_added_is_not_found()
    {
        var store = CreateStore();
        await store.AddAsync(User("alice"), CancellationToken.None);

        (await store.GetAsync(NewId(), CancellationToken.None)).ShouldBeNull();
        (await store.FindByNameAsync("alice2", CancellationToken.None)).ShouldBeNull();
        (await store.FindByNameAsync("' or UserName ne '", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task There_are_no_users_until_the_first_is_added()
    {
        var store = CreateStore();
        (await store.AnyAsync(CancellationToken.None)).ShouldBeFalse();

        await store.AddAsync(User("admin"), CancellationToken.None);

        (await store.AnyAsync(CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task Listing_returns_every_user()
    {
        var store = CreateStore();
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        await store.AddAsync(User("alice"), CancellationToken.None);
        await store.AddAsync(User("Bob"), CancellationToken.None);
        await store.AddAsync(User("carol"), CancellationToken.None);

        var names = (await store.ListAsync(CancellationToken.None)).Select(u => u.UserName).Order(StringComparer.Ordinal);

        names.ShouldBe(["Bob", "alice", "carol"]);
    }

    [Fact]
    public async Task An_update_is_stored_and_gives_a_new_version()
    {
        var store = CreateStore();
        var added = await store.AddAsync(User("alice"), CancellationToken.None);
        var locked = Created.AddHours(1);

        var updated = await store.UpdateAsync(
            added with { FailedLogins = 5, LockedUntil = locked, Role = Role.Admin, SecurityStamp = "stamp-2" }, CancellationToken.None);

        updated.Version.ShouldNotBe(added.Version);
        var read = await store.FindByNameAsync("alice", CancellationToken.None);
        read.ShouldBe(updated);
        read!.LockedUntil.ShouldBe(locked);
        read.Role.ShouldBe(Role.Admin);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_keeps_the_newer_write()
    {
        var store = CreateStore();
        var stale = await store.AddAsync(User("alice"), CancellationToken.None);
        await store.UpdateAsync(stale with { FailedLogins = 1 }, CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale with { FailedLogins = 0, Role = Role.Admin }, CancellationToken.None));

        var read = await store.GetAsync(stale.Id, CancellationToken.None);
        read!.FailedLogins.ShouldBe(1);
        read.Role.ShouldBe(Role.Viewer);
    }

    [Fact]
    public async Task Updating_a_user_that_was_never_stored_is_a_conflict()
    {
        var store = CreateStore();
        var other = await store.AddAsync(User("alice"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(User("bob") with { Version = other.Version }, CancellationToken.None));

        (await store.FindByNameAsync("bob", CancellationToken.None)).ShouldBeNull();
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_renamed_user_keeps_its_id_and_is_found_by_the_new_name_only()
    {
        var store = CreateStore();
        var added = await store.AddAsync(User("alice"), CancellationToken.None);

        var recased = await store.UpdateAsync(added with { UserName = "Alice" }, CancellationToken.None);
        var renamed = await store.UpdateAsync(recased with { UserName = "alice.smith" }, CancellationToken.None);

        renamed.Version.ShouldNotBe(recased.Version);
        (await store.FindByNameAsync("alice", CancellationToken.None)).ShouldBeNull();
        (await store.FindByNameAsync("Alice.Smith", CancellationToken.None)).ShouldBe(renamed);
        (await store.GetAsync(added.Id, CancellationToken.None)).ShouldBe(renamed);
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Renaming_to_a_name_taken_in_another_case_or_from_a_stale_version_is_a_conflict()
    {
        var store = CreateStore();
        var alice = await store.AddAsync(User("alice"), CancellationToken.None);
        await store.AddAsync(User("bob"), CancellationToken.None);

        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(alice with { UserName = "BOB" }, CancellationToken.None));
        await store.UpdateAsync(alice with { FailedLogins = 2 }, CancellationToken.None);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => store.UpdateAsync(alice with { UserName = "carol" }, CancellationToken.None));

        var read = await store.GetAsync(alice.Id, CancellationToken.None);
        read!.UserName.ShouldBe("alice");
        read.FailedLogins.ShouldBe(2);
        (await store.FindByNameAsync("carol", CancellationToken.None)).ShouldBeNull();
        (await store.ListAsync(CancellationToken.None)).Select(u => u.UserName).Order(StringComparer.Ordinal).ShouldBe(["alice", "bob"]);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static UserRecord User(string name) => new(
        NewId(),
        name,
        "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA",
        Role.Viewer,
        Disabled: false,
        FailedLogins: 0,
        LockedUntil: null,
        SecurityStamp: "stamp-" + name,
        CreatedAt: Created,
        LastLoginAt: null);
}
