using Dockward.Core.Policies;
using static Dockward.Core.Tests.Policies.Policies;

namespace Dockward.Core.Tests.Policies;

/// <summary>When a maintenance window is open, when it next opens (across days, zones and clock changes), and what a bad one says.</summary>
[Trait("Area", "Policy")]
public sealed class MaintenanceWindowTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_is_open_from_its_opening_for_its_length()
    {
        var window = Window("0 2 * * * for 2h");

        window.OpenAt(Utc(3, 1, 1, 59)).ShouldBeNull();
        window.OpenAt(Utc(3, 1, 2)).ShouldBe((Utc(3, 1, 2), Utc(3, 1, 4)));
        window.OpenAt(Utc(3, 1, 3, 59)).ShouldBe((Utc(3, 1, 2), Utc(3, 1, 4)));
        window.OpenAt(Utc(3, 1, 4)).ShouldBeNull();
    }

    [Fact]
    public void The_next_opening_after_the_last_one_of_a_day_is_the_next_day()
    {
        var window = Window("0 2 * * * for 2h");

        window.NextOpening(Utc(3, 1, 23)).ShouldBe(Utc(3, 2, 2));
        window.NextOpening(Utc(3, 1, 3)).ShouldBe(Utc(3, 1, 3), "an open window is open now");
    }

    [Fact]
    public void Weekday_windows_skip_the_weekend()
    {
        var window = Window("0 2 * * 1-5 for 1h");

        // 2025-03-01 is a Saturday.
        window.NextOpening(Utc(3, 1, 12)).ShouldBe(Utc(3, 3, 2));
    }

    [Fact]
    public void A_window_in_another_time_zone_opens_at_its_local_time()
    {
        var window = Window("0 2 * * * for 1h in Asia/Shanghai");

        // 02:00 in Shanghai (UTC+8) on 2 March is 18:00 UTC on 1 March: the next opening is on the previous UTC day.
        window.NextOpening(Utc(3, 1, 12)).ShouldBe(Utc(3, 1, 18));
        window.OpenAt(Utc(3, 1, 18, 30)).ShouldNotBeNull();
        window.OpenAt(Utc(3, 1, 2, 30)).ShouldBeNull("02:30 UTC is 10:30 in Shanghai");
    }

    [Fact]
    public void A_window_whose_local_time_the_clocks_skip_still_opens_that_day()
    {
        // On 30 March 2025 Berlin goes from 02:00 to 03:00: 02:30 does not happen.
        var window = Window("30 2 * * * for 1h in Europe/Berlin");

        var opening = window.NextOpening(Utc(3, 29, 23)).ShouldNotBeNull();

        opening.ShouldBeInRange(Utc(3, 30, 0, 30), Utc(3, 30, 1, 30));
        window.OpenAt(opening).ShouldNotBeNull();
        window.NextOpening(Utc(3, 30, 12)).ShouldBe(Utc(3, 31, 0, 30), "after the change 02:30 is UTC+2");
    }

    [Fact]
    public void A_window_whose_local_time_happens_twice_opens_once()
    {
        // On 26 October 2025 Berlin goes from 03:00 back to 02:00: 02:30 happens twice (00:30 and 01:30 UTC).
        var window = Window("30 2 * * * for 30m in Europe/Berlin");

        window.NextOpening(Utc(10, 25, 23)).ShouldBe(Utc(10, 26, 0, 30));
        window.NextOpening(Utc(10, 26, 1, 1)).ShouldNotBeNull().Date.ShouldBe(new DateTime(2025, 10, 27));
    }

    [Theory]
    [InlineData("0 2 * * for 2h", "five fields")]
    [InlineData("0 25 * * * for 2h", "is not valid")]
    [InlineData("0 2 * * * for 30s", "between 1m and 7d")]
    [InlineData("0 2 * * * for 8d", "between 1m and 7d")]
    [InlineData("0 2 * * * for soon", "not a duration")]
    [InlineData("0 2 * * * in UTC", "for <length>")]
    [InlineData("0 2 * * * for 2h in Mars/Olympus", "Mars/Olympus")]
    public void A_bad_window_is_refused_with_an_error_that_says_why(string text, string says)
    {
        MaintenanceWindow.TryParse(text, out var window, out var error).ShouldBeFalse();

        window.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(says);
    }

    [Fact]
    public void A_window_reads_back_from_its_text_form()
    {
        var window = Window("0  2 * * 1-5 for 90m in Asia/Shanghai");

        window.ToString().ShouldBe("0 2 * * 1-5 for 1h30m in Asia/Shanghai");
        Window(window.ToString()).ShouldBe(window);
    }
}
