using Dockward.Core.Policies;

namespace Dockward.Core.Tests.Policies;

[Trait("Area", "Policy")]
public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90, "1m30s")]
    [InlineData("30m", 1800, "30m")]
    [InlineData("1h30m", 5400, "1h30m")]
    [InlineData(" 7D ", 604800, "7d")]
    [InlineData("2w", 1209600, "14d")]
    [InlineData("1d2h3m4s", 93784, "1d2h3m4s")]
    public void Durations_read_as_written_and_format_to_text_that_reads_back(string text, long seconds, string formatted)
    {
        Duration.TryParse(text, out var value, out var error).ShouldBeTrue(error);

        value.ShouldBe(TimeSpan.FromSeconds(seconds));
        Duration.Format(value).ShouldBe(formatted);
        Duration.TryParse(formatted, out var again, out _).ShouldBeTrue();
        again.ShouldBe(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1y")]
    [InlineData("-1m")]
    [InlineData("1.5h")]
    [InlineData("400d")]
    [InlineData("1000000w1000000w")]
    public void Text_that_is_not_a_duration_is_refused_with_an_error(string text)
    {
        Duration.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain(text);
    }
}
