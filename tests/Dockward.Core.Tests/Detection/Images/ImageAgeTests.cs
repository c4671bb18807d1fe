using Dockward.Core.Detection.Images;

namespace Dockward.Core.Tests.Detection.Images;

[Trait("Area", "Policy")]
public sealed class ImageAgeTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_image_older_than_the_minimum_is_old_enough()
    {
        ImageAge.IsOldEnough(Now.AddDays(-3), TimeSpan.FromDays(2), Now).ShouldBeTrue();
    }

    [Fact]
    public void An_image_exactly_the_minimum_old_is_old_enough()
    {
        ImageAge.IsOldEnough(Now.AddDays(-2), TimeSpan.FromDays(2), Now).ShouldBeTrue();
    }

    [Fact]
    public void A_younger_image_is_not_old_enough_and_says_when_it_will_be()
    {
        var created = Now.AddHours(-5);

        ImageAge.IsOldEnough(created, TimeSpan.FromDays(1), Now).ShouldBeFalse();
        ImageAge.OldEnoughAt(created, TimeSpan.FromDays(1)).ShouldBe(Now.AddHours(19));
    }

    [Fact]
    public void An_image_without_a_created_date_is_never_old_enough()
    {
        ImageAge.IsOldEnough(null, TimeSpan.FromHours(1), Now).ShouldBeFalse();
        ImageAge.IsOldEnough(null, TimeSpan.FromHours(1), DateTimeOffset.MaxValue).ShouldBeFalse();
        ImageAge.OldEnoughAt(null, TimeSpan.FromHours(1)).ShouldBeNull();
    }

    [Fact]
    public void A_zero_minimum_is_no_rule_so_any_image_is_old_enough()
    {
        ImageAge.IsOldEnough(null, TimeSpan.Zero, Now).ShouldBeTrue();
        ImageAge.IsOldEnough(Now.AddHours(1), TimeSpan.Zero, Now).ShouldBeTrue();
    }

    [Fact]
    public void A_created_date_in_another_offset_is_compared_as_the_same_instant()
    {
        var created = new DateTimeOffset(2025, 6, 10, 15, 0, 0, TimeSpan.FromHours(8)); // 07:00 UTC

        ImageAge.IsOldEnough(created, TimeSpan.FromHours(5), Now).ShouldBeTrue();
        ImageAge.OldEnoughAt(created, TimeSpan.FromHours(5)).ShouldBe(Now);
    }

    [Fact]
    public void A_created_date_from_a_clock_ahead_waits_the_full_minimum_from_that_date()
    {
        var ahead = Now.AddHours(2);

        ImageAge.IsOldEnough(ahead, TimeSpan.FromHours(1), Now).ShouldBeFalse();
        ImageAge.OldEnoughAt(ahead, TimeSpan.FromHours(1)).ShouldBe(Now.AddHours(3));
    }

    [Fact]
    public void An_absurd_minimum_means_never_rather_than_an_overflow()
    {
        ImageAge.OldEnoughAt(Now, TimeSpan.MaxValue).ShouldBe(DateTimeOffset.MaxValue);
        ImageAge.IsOldEnough(Now, TimeSpan.MaxValue, Now.AddYears(100)).ShouldBeFalse();
    }
}
