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
    public async Task A_missing_master_key_stops_start_up_with_exit_code_2_naming_the_key()
    {
        var output = await ExitAsync(environment => environment.Remove("DOCKWARD_SECURITY__MASTERKEY"));

        output.ShouldContain("Security:MasterKey");
    }

    [Fact]
    public async Task A_common_admin_password_stops_start_up_with_exit_code_2_naming_the_key()
    {
        var output = await ExitAsync(environment => environment["DOCKWARD_SECURITY__ADMINPASSWORD"] = "password123");

        output.ShouldContain("Security:AdminPassword");
    }

    [Fact]
    public async Task A_certificate_without_an_https_listener_stops_start_up_with_exit_code_2_instead_of_staying_on_http()
    {
        var output = await ExitAsync(environment =>
        {
            environment["DOCKWARD_SECURITY__CERTIFICATEPATH"] = "/nonexistent/cert.pem";
            environment["DOCKWARD_SECURITY__KEYPATH"] = "/nonexistent/key.pem";
        });

        output.ShouldContain("Security:CertificatePath is set but nothing listens on HTTPS");
    }

    [Fact]
    public async Task An_unreadable_certificate_stops_start_up_with_exit_code_2_naming_the_keys()
    {
        var output = await ExitAsync(environment =>
        {
            environment["DOCKWARD_SECURITY__CERTIFICATEPATH"] = "/nonexistent/cert.pem";
            environment["DOCKWARD_SECURITY__KEYPATH"] = "/nonexistent/key.pem";
            environment["DOCKWARD_HTTPS_PORTS"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        output.ShouldContain("Security:CertificatePath / Security:KeyPath cannot be loaded");
    }

    [Theory]
    [InlineData("DOCKWARD_POLICY__DEFAULTMODE", "sometimes", "Policy:DefaultMode")]
    [InlineData("DOCKWARD_POLICY__APPROVALEXPIRY", "00:00:10", "Policy:ApprovalExpiry")]
    [InlineData("DOCKWARD_DETECTION__CHECKINTERVALSECONDS", "30", "Detection:CheckIntervalSeconds")]
    [InlineData("DOCKWARD_DETECTION__MAXCONCURRENTCHECKS", "abc", "Detection:MaxConcurrentChecks")]
    [InlineData("DOCKWARD_FUNCTIONTIMEOUT", "soon", "FunctionTimeout")]
    [InlineData("DOCKWARD_DETECTION__TOKENREALMS__0__REALMHOST", "https://auth.example.com/token", "Detection:TokenRealms:0:RealmHost")]
    [InlineData("DOCKWARD_FUNCTIONTIMEOUT", "-00:00:05", "functionTimeout")]
    [InlineData("DOCKWARD_FUNCTIONTIMEOUT", "00:00:00", "functionTimeout")]
    public async Task A_value_of_the_wrong_type_or_range_stops_start_up_with_exit_code_2_naming_the_key(string variable, string value, string key)
    {
        var output = await ExitAsync(environment => environment[variable] = value);

        output.ShouldContain(key);
    }

    [Fact]
    public async Task Bad_settings_in_several_sections_are_all_named_on_one_line()
    {
        var output = await ExitAsync(environment =>
        {
            environment["DOCKWARD_STORAGE__TABLEPREFIX"] = "1-bad";
            environment["DOCKWARD_DETECTION__MAXCONCURRENTCHECKS"] = "0";
        });

        output.ShouldContain("Storage:TablePrefix");
        output.ShouldContain("Detection:MaxConcurrentChecks");
    }

    /// <summary>
    /// Starts the dll with the good settings changed by <paramref name="change"/>, expects exit code 2 and
    /// returns its only output line, which went to standard error.
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
