using Dockward.Core.Events;

namespace Dockward.Core.Tests.Events;

[Trait("Area", "Api")]
public sealed class EventIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_sort_as_their_times_do_whatever_their_random_part()
    {
        var times = Enumerable.Range(0, 200).Select(i => At.AddTicks(i * 7_919)).ToList();
        var ids = times.Select(EventIds.New).ToList();

        ids.Order(StringComparer.Ordinal).Select(id => EventIds.TimeOf(id)).ShouldBe(times.Select(t => (DateTimeOffset?)t));
    }

    [Fact]
    public void Two_ids_of_one_instant_differ()
    {
        EventIds.New(At).ShouldNotBe(EventIds.New(At));
    }

    [Fact]
    public void A_floor_sorts_below_every_id_of_its_instant_and_above_every_earlier_one_and_reads_back_as_its_time()
    {
        var floor = EventIds.Floor(At);

        string.CompareOrdinal(floor, EventIds.New(At)).ShouldBeLessThan(0);
        string.CompareOrdinal(floor, EventIds.New(At.AddTicks(-1))).ShouldBeGreaterThan(0);
        EventIds.TimeOfKey(floor).ShouldBe(At);
        EventIds.TimeOf(floor).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("0638999999999999999-ABCDEF012345")]
    [InlineData("0638999999999999999_abcdef012345")]
    [InlineData("9999999999999999999-abcdef012345")]
    public void Text_that_is_not_an_id_has_no_time(string text)
    {
        EventIds.TimeOf(text).ShouldBeNull();
    }
}
