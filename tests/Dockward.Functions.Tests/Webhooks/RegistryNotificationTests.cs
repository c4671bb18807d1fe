using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Webhooks;

/// <summary>A real distribution registry notifying the control plane: a push alone, with no scan timer, gets the repository checked.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryNotificationTests(Servers servers)
{
    [Fact]
    public async Task Pushing_to_a_registry_that_notifies_the_control_plane_runs_a_check_of_that_repository_without_the_scan_timer()
    {
        // The scan timer is pushed to next year by ControlPlaneProcess: only the webhook can cause a check here.
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, "distribution");
        var storage = Directory.CreateTempSubdirectory("dockward-notifying-registry-").FullName;
        try
        {
            await using var registry = await RegistryServer.StartAsync(storage, notifications: new RegistryNotifications(
                new Uri(controlPlane.Http.BaseAddress!, "/api/webhooks/distribution"),
                new Dictionary<string, string> { ["Authorization"] = $"Bearer {WebhookCalls.Secret}" }));
            var repository = Servers.UniqueName("hooked-");
            var image = $"{registry.Host}/{repository}:1";
            await ReportRunningAsync(controlPlane, image, $"{registry.Host}/{repository}@sha256:{new string('a', 64)}");

            var pushed = await TestImages.PushAsync(registry, repository, "1", TestImage.Plain(repository));

            var check = await Wait.ForAsync($"a check of {image} finding {pushed}", TimeSpan.FromSeconds(60), async () =>
            {
                var checks = await controlPlane.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/checks", UriKind.Relative));
                return checks.EnumerateArray().Where(c => c.GetProperty("image").GetString() == image && c.GetProperty("remoteDigest").GetString() == pushed)
                    .Select(c => (JsonElement?)c).FirstOrDefault() is { } found ? found.ToString() : null;
            }, () => controlPlane.Output);
            check.ShouldContain(pushed);
            var audited = await WebhookCalls.WaitForCheckAsync(controlPlane, $"{registry.Host}/{repository}");
            audited[0].GetProperty("actor").GetString().ShouldBe("webhook:distribution");
        }
        finally
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    /// <summary>An agent reports one managed container running an older digest of <paramref name="image"/> (monitor mode: no job).</summary>
    private static async Task ReportRunningAsync(ControlPlaneProcess controlPlane, string image, string repoDigest)
    {
        var agent = await controlPlane.EnrolAgentAsync();
        var report = new InventoryReport(
            [new ContainerSnapshot($"{1:x}".PadLeft(64, 'c'), Servers.UniqueName("web-"), image, "sha256:" + new string('b', 64), [repoDigest], "running", null,
                new Dictionary<string, string> { ["dockward.enable"] = "true", ["dockward.update"] = "monitor" }, DateTimeOffset.UtcNow)],
            DateTimeOffset.UtcNow,
            "0.1.0-test",
            "27.0.0");
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential, JsonContent.Create(report));
        using var response = await controlPlane.Http.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
