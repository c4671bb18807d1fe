using Dockward.Agent.Updates;
using Dockward.Contracts;

namespace Dockward.Agent.Tests.Updates;

/// <summary>A job's gate settings come from outside the agent: out of range, the job is refused with the setting named.</summary>
[Trait("Area", "Update")]
public sealed class HealthGateSettingsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(30, 60)]
    [InlineData(3600, 3600)]
    public void Accepts_windows_and_timeouts_from_one_second_to_an_hour(int window, int timeout) =>
        HealthGate.Validate(new HealthGateSettings(window, timeout)).ShouldBeNull();

    [Theory]
    [InlineData(0, 60, "monitor window")]
    [InlineData(-5, 60, "monitor window")]
    [InlineData(int.MaxValue, 60, "monitor window")]
    [InlineData(30, 0, "health timeout")]
    [InlineData(30, 3601, "health timeout")]
    public void Refuses_a_window_or_timeout_outside_one_second_to_an_hour(int window, int timeout, string named)
    {
        var problem = HealthGate.Validate(new HealthGateSettings(window, timeout)).ShouldNotBeNull();

        problem.ShouldContain(named);
        problem.ShouldContain("1 to 3600 seconds");
    }

    [Fact]
    public void Refuses_a_job_without_gate_settings() =>
        HealthGate.Validate(null).ShouldNotBeNull().ShouldContain("no health gate settings");
}
