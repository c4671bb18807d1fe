using Dockward.Agent.Inventory;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Inventory;

[Collection(ServersCollection.Name)]
[Trait("Area", "Agent")]
public sealed class InventoryCollectorTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("inv");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Reports_a_container_with_its_image_reference_repo_digests_platform_state_health_and_labels()
    {
        var digest = await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "1", Dockward.Testing.TestImage.Healthy("1.0"));
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{scope.Prefix}/app:1");
        var id = await demo.CreateAsync();
        await Wait.UntilAsync("the demo to turn healthy", TimeSpan.FromSeconds(20), async () => (await demo.InspectAsync()).State.Health?.Status == "healthy");

        var snapshot = (await new InventoryCollector(scope.Docker).CollectAsync(CancellationToken.None)).Single(c => c.Name == demo.Name);

        snapshot.Id.ShouldBe(id);
        snapshot.Image.ShouldBe(demo.Image);
        snapshot.RepoDigests.ShouldContain($"{servers.Registry.Host}/{scope.Prefix}/app@{digest}");
        snapshot.State.ShouldBe("running");
        snapshot.Health.ShouldBe("healthy");
        snapshot.Labels["team"].ShouldBe("blue");
        // Test images are built here, so they are this engine's own platform, as Docker names it.
        var engine = await scope.Docker.System.GetSystemInfoAsync();
        snapshot.Platform.ShouldBe($"{engine.OSType}/{(engine.Architecture == "x86_64" ? "amd64" : engine.Architecture)}");
    }

    [Fact]
    public async Task Keeps_the_image_reference_after_its_tag_moved_to_another_image()
    {
        var image = $"{servers.Registry.Host}/{scope.Prefix}/app:1";
        await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "1", Dockward.Testing.TestImage.Plain("1.0"));
        var demo = new DemoContainer(scope.Docker, scope.Prefix, image);
        await demo.CreateAsync(start: false);
        await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "1", Dockward.Testing.TestImage.Plain("2.0"));
        await DockerHost.PullAsync(scope.Docker, $"{servers.Registry.Host}/{scope.Prefix}/app", "1");

        var snapshot = (await new InventoryCollector(scope.Docker).CollectAsync(CancellationToken.None)).Single(c => c.Name == demo.Name);

        snapshot.Image.ShouldBe(image);
        snapshot.State.ShouldBe("created");
    }
}
