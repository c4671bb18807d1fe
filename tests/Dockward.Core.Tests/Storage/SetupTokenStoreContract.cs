using Dockward.Core.Security.Setup;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="ISetupTokenStore"/> backend must do; one subclass per backend.</summary>
public abstract class SetupTokenStoreContract
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract ISetupTokenStore CreateStore();

    [Fact]
    public async Task There_is_no_setup_token_until_one_is_set()
    {
        var store = CreateStore();

        (await store.GetAsync(CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_set_token_reads_back_every_field()
    {
        var store = CreateStore();
        var token = new SetupTokenRecord(new string('d', 64), Created.AddTicks(5), Created.AddHours(24));

        var set = await store.SetAsync(token, CancellationToken.None);

        set.Version.ShouldNotBeNullOrEmpty();
        (await store.GetAsync(CancellationToken.None)).ShouldBe(token with { Version = set.Version });
    }

    [Fact]
    public async Task Setting_again_replaces_the_earlier_token()
    {
        var store = CreateStore();
        var first = await store.SetAsync(new SetupTokenRecord(new string('d', 64), Created, Created.AddHours(24)), CancellationToken.None);

        var second = await store.SetAsync(new SetupTokenRecord(new string('e', 64), Created.AddDays(1), Created.AddDays(2)), CancellationToken.None);

        second.Version.ShouldNotBe(first.Version);
        (await store.GetAsync(CancellationToken.None)).ShouldBe(second);
    }

    [Fact]
    public async Task The_token_read_is_deleted_once_and_then_is_gone()
    {
        var store = CreateStore();
        await store.SetAsync(new SetupTokenRecord(new string('d', 64), Created, Created.AddHours(24)), CancellationToken.None);
        var read = await store.GetAsync(CancellationToken.None);

        (await store.DeleteAsync(read!.Version!, CancellationToken.None)).ShouldBeTrue();

        (await store.GetAsync(CancellationToken.None)).ShouldBeNull();
        (await store.DeleteAsync(read.Version!, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Deleting_at_a_stale_version_returns_false_and_keeps_the_replacement()
    {
        var store = CreateStore();
        var stale = await store.SetAsync(new SetupTokenRecord(new string('d', 64), Created, Created.AddHours(24)), CancellationToken.None);
        var replacement = await store.SetAsync(new SetupTokenRecord(new string('e', 64), Created.AddHours(1), Created.AddHours(25)), CancellationToken.None);

        (await store.DeleteAsync(stale.Version!, CancellationToken.None)).ShouldBeFalse();

        (await store.GetAsync(CancellationToken.None)).ShouldBe(replacement);
    }
}
