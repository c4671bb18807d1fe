using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>Previous images removed after a final update (<c>dockward.cleanup.keep-images</c>), on the real engine.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class ImagePruneTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("prune");
    private DemoContainer demo = null!;
    private string repository = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy(Version("1.0")));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Keeping_none_removes_the_previous_image_once_the_update_is_final()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string> { [OldImages.KeepLabel] = "0" });
        var oldImage = (await demo.InspectAsync()).Image;

        var outcome = await UpdateToAsync("2.0");

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.Reason.ShouldBeNull();
        (await ExistsAsync(oldImage)).ShouldBeFalse();
        (await ExistsAsync((await demo.InspectAsync()).Image)).ShouldBeTrue();
    }

    [Fact]
    public async Task Keeping_one_keeps_the_newest_previous_image_and_removes_older_ones()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string> { [OldImages.KeepLabel] = "1" });
        var first = (await demo.InspectAsync()).Image;
        (await UpdateToAsync("2.0")).Outcome.ShouldBe(JobOutcome.Succeeded);
        var second = (await demo.InspectAsync()).Image;

        (await UpdateToAsync("3.0")).Outcome.ShouldBe(JobOutcome.Succeeded);

        (await ExistsAsync(first)).ShouldBeFalse();
        (await ExistsAsync(second)).ShouldBeTrue("the newest previous image is kept");
    }

    [Fact]
    public async Task Without_the_label_every_previous_image_stays()
    {
        await demo.CreateAsync();
        var oldImage = (await demo.InspectAsync()).Image;

        (await UpdateToAsync("2.0")).Outcome.ShouldBe(JobOutcome.Succeeded);

        (await ExistsAsync(oldImage)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_previous_image_another_container_was_created_from_stays()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string> { [OldImages.KeepLabel] = "0" });
        var oldImage = (await demo.InspectAsync()).Image;
        await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = scope.Prefix + "sibling", Image = oldImage });

        (await UpdateToAsync("2.0")).Outcome.ShouldBe(JobOutcome.Succeeded);

        (await ExistsAsync(oldImage)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_keep_label_that_is_not_a_small_whole_number_refuses_the_update_untouched()
    {
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string> { [OldImages.KeepLabel] = "all" });

        var outcome = await UpdateToAsync("2.0");

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.Reason.ShouldNotBeNull().ShouldContain("dockward.cleanup.keep-images='all'");
        (await demo.InspectAsync()).ID.ShouldBe(oldId);
    }

    private async Task<Dockward.Agent.Updates.UpdateOutcome> UpdateToAsync(string version)
    {
        var digest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy(Version(version)));
        return await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, QuickGate);
    }

    /// <summary>A version no other test builds, so each image here is this test's alone (identical builds share an id).</summary>
    private string Version(string version) => $"{version}-{scope.Prefix}";

    private async Task<bool> ExistsAsync(string imageId)
    {
        try
        {
            await scope.Docker.Images.InspectImageAsync(imageId);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
