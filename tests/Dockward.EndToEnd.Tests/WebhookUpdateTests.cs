using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class WebhookUpdateTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("e2ehook");
    private readonly string storage = Directory.CreateTempSubdirectory("dockward-notifying-registry-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await scope.DisposeAsync();
        Directory.Delete(storage, recursive: true);
    }

    [Fact]
    public async Task A_push_notified_by_the_registry_updates_the_container_without_any_check_by_hand_or_by_timer()
    {
        // The scan timer is next year (DockwardInstance): nothing but the registry's notification can start the update.
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        using var set = await dockward.Http.PutAsync(new Uri("/api/webhooks/distribution", UriKind.Relative), content: null);
        set.EnsureSuccessStatusCode();
        var setup = await set.Content.ReadFromJsonAsync<JsonElement>();
        var header = setup.GetProperty("header");
        await using var registry = await RegistryServer.StartAsync(storage, notifications: new RegistryNotifications(
            new Uri(setup.GetProperty("url").GetString()!),
            new Dictionary<string, string> { [header.GetProperty("name").GetString()!] = header.GetProperty("value").GetString()! }));
        var repository = scope.Prefix + "/app";
        var d1 = await TestImages.PushAsync(registry, repository, "latest", TestImage.Healthy("1.0"));
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{registry.Host}/{repository}:latest");
        await demo.CreateAsync();
        var reported = await dockward.WaitForContainerAsync(demo.Name, c => HasDigest(c, d1), "the agent to report demo on D1");
        var agentId = reported.GetProperty("agentId").GetString()!;

        var d2 = await TestImages.PushAsync(registry, repository, "latest", TestImage.Healthy("2.0"));

        var updated = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, d2);
        updated.GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
        updated.GetProperty("trigger").GetString().ShouldBe("webhook", dockward.Logs);
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{registry.Host}/{repository}@{d2}");
        await Wait.UntilAsync("demo to serve 2.0", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == "2.0");
    }

    private static bool HasDigest(JsonElement container, string digest) =>
        container.GetProperty("repoDigests").EnumerateArray().Any(d => d.GetString()!.EndsWith("@" + digest, StringComparison.Ordinal));
}
