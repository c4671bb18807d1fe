using Dockward.Agent.Updates;

namespace Dockward.Agent.Tests.Updates;

/// <summary>Watchtower's hook timeouts count minutes; Dockward has one timeout for both hooks and waits at most an hour.</summary>
[Trait("Area", "Policy")]
public sealed class WatchtowerHookTimeoutTests
{
    [Fact]
    public void The_longer_of_Watchtowers_two_timeouts_is_read_in_minutes()
    {
        var (hooks, error) = UpdateHooks.Read(new Dictionary<string, string>
        {
            [UpdateHooks.WatchtowerPreUpdateLabel] = "true",
            [UpdateHooks.WatchtowerPreUpdateTimeoutLabel] = "2",
            [UpdateHooks.WatchtowerPostUpdateTimeoutLabel] = "5",
        });

        error.ShouldBeNull();
        hooks.ShouldNotBeNull().Timeout.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("600")]
    public void Watchtowers_no_limit_and_limits_beyond_an_hour_wait_an_hour(string minutes)
    {
        var (hooks, _) = UpdateHooks.Read(new Dictionary<string, string> { [UpdateHooks.WatchtowerPreUpdateTimeoutLabel] = minutes });

        hooks.ShouldNotBeNull().Timeout.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Dockwards_own_timeout_in_seconds_is_followed_over_Watchtowers()
    {
        var (hooks, _) = UpdateHooks.Read(new Dictionary<string, string>
        {
            [UpdateHooks.TimeoutLabel] = "30",
            [UpdateHooks.WatchtowerPreUpdateTimeoutLabel] = "5",
        });

        hooks.ShouldNotBeNull().Timeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_Watchtower_timeout_that_is_not_a_number_of_minutes_refuses_the_update()
    {
        var (hooks, error) = UpdateHooks.Read(new Dictionary<string, string> { [UpdateHooks.WatchtowerPostUpdateTimeoutLabel] = "1m" });

        hooks.ShouldBeNull();
        error.ShouldBe($"{UpdateHooks.WatchtowerPostUpdateTimeoutLabel}='1m' is not a whole number of minutes");
    }
}
