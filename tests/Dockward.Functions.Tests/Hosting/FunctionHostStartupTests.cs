using Dockward.Testing;

namespace Dockward.Functions.Tests.Hosting;

/// <summary>The built control plane refusing to start on a bad setting: exit code 2 and one line naming the key.</summary>
[Trait("Area", "Host")]
public sealed class FunctionHostStartupTests
{
    private const string Unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    [Fact]
    public async Task A_five_field_timer_schedule_stops_start_up_with_exit_code_2_naming_the_timer_key()
    {
        var output = await ExitAsync(environment => environment["DOCKWARD_TIMERS__SCANREGISTRIES"] = "*/5 * * * *");

        output.ShouldContain("timers:ScanRegistries");
        output.ShouldContain("*/5 * * * *");
    }

    [Fact]
    public async Task A_missing_storage_connection_string_stops_start_up_with_exit_code_2_naming_the_key()
    {
        var output = await ExitAsync(environment => environment.Remove("DOCKWARD_STORAGE__CONNECTIONSTRING"));

        output.ShouldContain("Storage:ConnectionString");
    }

    [Fact]
    public async Task A_missing_enrolment_token_stops_start_up_with_exit_code_2_naming_the_key()
    {
        var output = await ExitAsync(environment => environment.Remove("DOCKWARD_AGENTS__ENROLMENTTOKEN"));

        output.ShouldContain("Agents:EnrolmentToken");
    }

    [Fact]
    public async Task A_short_enrolment_token_stops_start_up_with_exit_code_2_naming_the_key()
    {
        var output = await ExitAsync(environment => environment["DOCKWARD_AGENTS__ENROLMENTTOKEN"] = "too-short");

        output.ShouldContain("Agents:EnrolmentToken must be at least 16 characters");
    }

    /// <summary>
    /// Starts the dll with the good settings changed by <paramref name="change"/>, expects exit code 2 and
    /// returns its only output line. (ServerProcess merges stdout and stderr; the line is written to stderr.)
    /// </summary>
    private static async Task<string> ExitAsync(Action<Dictionary<string, string?>> change)
    {
        var environment = ControlPlaneProcess.GoodEnvironment(Unreachable, Servers.UniqueName("fn"));
        change(environment);
        await using var process = ControlPlaneProcess.Launch(environment, FreePort.Next());

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(2, process.Output);
        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = lines.ShouldHaveSingleItem(process.Output);
        process.ErrorOutput.Trim().ShouldBe(line, "the error goes to standard error");
        line.ShouldStartWith("dockward: configuration error: ");
        line.ShouldNotContain("Exception");
        return line;
    }
}
