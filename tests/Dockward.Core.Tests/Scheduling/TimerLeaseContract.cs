using Dockward.Core.Scheduling;

namespace Dockward.Core.Tests.Scheduling;

/// <summary>
/// <see cref="TimerLease"/> over every <see cref="ITimerLeaseStore"/> backend: two control-plane instances,
/// each with its own lease and store client over one shared storage.
/// </summary>
public abstract class TimerLeaseContract
{
    private const string Function = "ScanRegistries";
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Tick1 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tick2 = Tick1.AddMinutes(5);
    private static readonly DateTimeOffset Tick3 = Tick1.AddMinutes(10);

    /// <summary>A new store client over this test's own storage; every call shares the same data.</summary>
    private protected abstract ITimerLeaseStore CreateStore();

    [Fact]
    public async Task The_first_tick_is_claimed_by_exactly_one_of_two_instances()
    {
        var (a, b) = TwoInstances();

        var claims = await Task.WhenAll(
            a.TryClaimAsync(Function, Tick1, "instance-a", Long, CancellationToken.None),
            b.TryClaimAsync(Function, Tick1, "instance-b", Long, CancellationToken.None));

        claims.Count(c => c is not null).ShouldBe(1);
        var winner = claims.Single(c => c is not null)!;
        winner.LastTick.ShouldBe(Tick1);
        (await CreateStore().GetAsync(Function, CancellationToken.None))!.Owner.ShouldBe(winner.Owner);
    }

    [Fact]
    public async Task A_later_tick_is_claimed_by_exactly_one_of_two_instances()
    {
        var (a, b) = TwoInstances();
        var first = await a.TryClaimAsync(Function, Tick1, "instance-a", Long, CancellationToken.None);
        await a.ReleaseAsync(first!, CancellationToken.None);

        var claims = await Task.WhenAll(
            a.TryClaimAsync(Function, Tick2, "instance-a", Long, CancellationToken.None),
            b.TryClaimAsync(Function, Tick2, "instance-b", Long, CancellationToken.None));

        claims.Count(c => c is not null).ShouldBe(1);
        (await CreateStore().GetAsync(Function, CancellationToken.None))!.LastTick.ShouldBe(Tick2);
    }

    [Fact]
    public async Task A_held_unexpired_lease_blocks_the_next_tick_on_every_instance()
    {
        var (a, b) = TwoInstances();
        (await a.TryClaimAsync(Function, Tick1, "instance-a", Long, CancellationToken.None)).ShouldNotBeNull();

        (await b.TryClaimAsync(Function, Tick2, "instance-b", Long, CancellationToken.None)).ShouldBeNull();
        (await a.TryClaimAsync(Function, Tick2, "instance-a", Long, CancellationToken.None)).ShouldBeNull();

        var stored = await CreateStore().GetAsync(Function, CancellationToken.None);
        stored!.Owner.ShouldBe("instance-a");
        stored.LastTick.ShouldBe(Tick1);
    }

    [Fact]
    public async Task Releasing_the_lease_lets_another_instance_take_the_next_tick()
    {
        var (a, b) = TwoInstances();
        var held = await a.TryClaimAsync(Function, Tick1, "instance-a", Long, CancellationToken.None);

        await a.ReleaseAsync(held!, CancellationToken.None);

        var next = await b.TryClaimAsync(Function, Tick2, "instance-b", Long, CancellationToken.None);
        next.ShouldNotBeNull();
        next.Owner.ShouldBe("instance-b");
        next.LastTick.ShouldBe(Tick2);
    }

    [Fact]
    public async Task A_tick_that_already_ran_is_not_claimed_again_even_once_the_lease_is_free()
    {
        var (a, b) = TwoInstances();
        var held = await a.TryClaimAsync(Function, Tick2, "instance-a", Long, CancellationToken.None);
        await a.ReleaseAsync(held!, CancellationToken.None);

        (await b.TryClaimAsync(Function, Tick2, "instance-b", Long, CancellationToken.None)).ShouldBeNull();
        (await a.TryClaimAsync(Function, Tick2, "instance-a", Long, CancellationToken.None)).ShouldBeNull();
        (await b.TryClaimAsync(Function, Tick1, "instance-b", Long, CancellationToken.None)).ShouldBeNull("an older tick is not replayed either");
        (await b.TryClaimAsync(Function, Tick3, "instance-b", Long, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task An_expired_lease_no_longer_blocks_and_its_late_holder_cannot_release_the_new_one()
    {
        var (a, b) = TwoInstances();
        var stuck = await a.TryClaimAsync(Function, Tick1, "instance-a", TimeSpan.FromMilliseconds(1), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        var taken = await b.TryClaimAsync(Function, Tick2, "instance-b", Long, CancellationToken.None);

        taken.ShouldNotBeNull();
        await a.ReleaseAsync(stuck!, CancellationToken.None);
        var stored = (await CreateStore().GetAsync(Function, CancellationToken.None))!;
        stored.Owner.ShouldBe("instance-b");
        stored.LeaseUntil.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Leases_of_different_functions_do_not_block_each_other()
    {
        var (a, b) = TwoInstances();
        (await a.TryClaimAsync(Function, Tick1, "instance-a", Long, CancellationToken.None)).ShouldNotBeNull();

        (await b.TryClaimAsync("PruneHistory", Tick1, "instance-b", Long, CancellationToken.None)).ShouldNotBeNull();
    }

    private (TimerLease A, TimerLease B) TwoInstances() =>
        (new TimerLease(CreateStore(), TimeProvider.System), new TimerLease(CreateStore(), TimeProvider.System));
}
