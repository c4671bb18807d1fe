using Dockward.Testing;

namespace Dockward.Functions.Tests.Webhooks;

[Trait("Area", "Detection")]
public sealed class WebhooksOptionsTests
{
    [Theory]
    [InlineData("DOCKWARD_WEBHOOKS__DEBOUNCESECONDS", "0", "Webhooks:DebounceSeconds")]
    [InlineData("DOCKWARD_WEBHOOKS__DEBOUNCESECONDS", "soon", "Webhooks:DebounceSeconds")]
    [InlineData("DOCKWARD_WEBHOOKS__SWEEPSECONDS", "3601", "Webhooks:SweepSeconds")]
    public async Task A_webhook_setting_out_of_range_stops_start_up_with_exit_code_2_naming_the_key(string variable, string value, string key)
    {
        // Settings are checked before the store is used: an unreachable one is fine here.
        var environment = ControlPlaneProcess.GoodEnvironment("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;", Servers.UniqueName("fn"));
        environment[variable] = value;
        await using var process = ControlPlaneProcess.Launch(environment, FreePort.Next());

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(2, process.Output);
        process.ErrorOutput.ShouldContain("dockward: configuration error: ");
        process.ErrorOutput.ShouldContain(key);
    }
}
