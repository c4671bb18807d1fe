using Dockward.Functions.Hosting;

namespace Dockward.Functions.Tests.Hosting;

[Trait("Area", "Host")]
public sealed class TimerScheduleTests
{
    private const string Key = "timers:ScanRegistries";

    [Theory]
    [InlineData("0 */5 * * * *", "2025-03-01T12:03:10Z", "2025-03-01T12:05:00Z")]
    [InlineData("*/15 * * * * *", "2025-03-01T12:00:07Z", "2025-03-01T12:00:15Z")]
    [InlineData("* * * * * *", "2025-03-01T12:00:07.400Z", "2025-03-01T12:00:08Z")]
    [InlineData("30 0 3 * * 1", "2025-03-01T12:00:00Z", "2025-03-03T03:00:30Z")] // a Saturday → Monday 03:00:30
    [InlineData("0 0 0 1 1 *", "2025-03-01T12:00:00Z", "2026-01-01T00:00:00Z")]
    public void A_six_field_schedule_with_seconds_gives_the_next_occurrence(string expression, string after, string expected)
    {
        var schedule = TimerSchedule.Parse(Key, expression);

        schedule.NextAfter(DateTimeOffset.Parse(after)).ShouldBe(DateTimeOffset.Parse(expected));
        schedule.Expression.ShouldBe(expression);
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after_the_given_time()
    {
        var schedule = TimerSchedule.Parse(Key, "0 */5 * * * *");

        schedule.NextAfter(new DateTimeOffset(2025, 3, 1, 12, 5, 0, TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(2025, 3, 1, 12, 10, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_schedule_is_evaluated_in_utc_whatever_the_offset_of_the_given_time()
    {
        var schedule = TimerSchedule.Parse(Key, "0 0 13 * * *");

        // 20:00 at +08:00 is 12:00 UTC: the next 13:00 UTC is an hour later, not the next day.
        var next = schedule.NextAfter(new DateTimeOffset(2025, 3, 1, 20, 0, 0, TimeSpan.FromHours(8)));

        next.ShouldBe(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero));
        next.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("*/5 * * * *")] // five fields: the classic cron Azure Functions does not take
    [InlineData("0 */5 * * * * *")] // seven fields
    [InlineData("every five minutes")]
    [InlineData("a b c d e f")]
    [InlineData("61 * * * * *")]
    [InlineData("0 0 25 * * *")]
    public void A_malformed_schedule_fails_with_a_message_naming_its_key(string expression)
    {
        var error = Should.Throw<HostConfigurationException>(() => TimerSchedule.Parse(Key, expression));

        error.Message.ShouldContain(Key);
        error.Message.ShouldContain(expression);
    }

    [Fact]
    public void A_five_field_schedule_fails_saying_a_schedule_has_six_fields_seconds_first()
    {
        var error = Should.Throw<HostConfigurationException>(() => TimerSchedule.Parse(Key, "*/5 * * * *"));

        error.Message.ShouldContain("has 5 fields");
        error.Message.ShouldContain("seconds first");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_schedule_fails_naming_its_key_and_environment_variable(string? expression)
    {
        var error = Should.Throw<HostConfigurationException>(() => TimerSchedule.Parse(Key, expression));

        error.Message.ShouldContain(Key);
        error.Message.ShouldContain("DOCKWARD_TIMERS__SCANREGISTRIES");
    }
}
