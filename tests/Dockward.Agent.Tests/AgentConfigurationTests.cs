using Dockward.Testing;

namespace Dockward.Agent.Tests;

[Trait("Area", "Agent")]
public sealed class AgentConfigurationTests
{
    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://control-plane.example")]
    [InlineData("")]
    public async Task Exits_with_a_message_naming_the_key_when_the_control_plane_url_is_bad(string url)
    {
        await using var agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENT__CONTROLPLANEURL"] = url,
            ["DOCKWARD_AGENT__ENROLMENTTOKEN"] = "some-enrolment-token",
            ["DOCKWARD_AGENT__DATADIRECTORY"] = Directory.CreateTempSubdirectory("agent-").FullName,
        });

        var exit = await agent.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(2);
        agent.Output.ShouldContain("Agent:ControlPlaneUrl");
        agent.Output.ShouldContain("configuration error");
        agent.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Exits_with_a_message_naming_the_key_when_the_enrolment_token_is_missing()
    {
        await using var agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENT__CONTROLPLANEURL"] = "http://127.0.0.1:1",
            ["DOCKWARD_AGENT__DATADIRECTORY"] = Directory.CreateTempSubdirectory("agent-").FullName,
        });

        (await agent.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(2);
        agent.Output.ShouldContain("Agent:EnrolmentToken");
    }

    [Fact]
    public async Task Exits_with_a_message_naming_the_key_when_a_value_has_the_wrong_type()
    {
        await using var agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENT__CONTROLPLANEURL"] = "http://127.0.0.1:1",
            ["DOCKWARD_AGENT__ENROLMENTTOKEN"] = "some-enrolment-token",
            ["DOCKWARD_AGENT__HEARTBEATSECONDS"] = "often",
            ["DOCKWARD_AGENT__DATADIRECTORY"] = Directory.CreateTempSubdirectory("agent-").FullName,
        });

        (await agent.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(2);
        agent.ErrorOutput.ShouldContain("Agent:HeartbeatSeconds");
        agent.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Keeps_retrying_enrolment_while_the_control_plane_is_unreachable()
    {
        await using var agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENT__CONTROLPLANEURL"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["DOCKWARD_AGENT__ENROLMENTTOKEN"] = "some-enrolment-token",
            ["DOCKWARD_AGENT__DATADIRECTORY"] = Directory.CreateTempSubdirectory("agent-").FullName,
        });

        await Wait.UntilAsync("two failed enrolment attempts", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(agent.Output.Split("Cannot enrol with").Length > 2), () => agent.Output);

        agent.HasExited.ShouldBeFalse(agent.Output);
        agent.Output.ShouldContain("Agent:ControlPlaneUrl");
    }
}
