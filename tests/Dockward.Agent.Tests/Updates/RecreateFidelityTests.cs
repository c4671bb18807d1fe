using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>The recreated container is the container the user had: its data, its networks, nothing frozen or stale.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class RecreateFidelityTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("fid");
    private DemoContainer demo = null!;
    private string repository = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("1.0"));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Keeps_an_anonymous_volume_and_the_data_in_it()
    {
        var (repo, tag) = demo.ImageParts();
        await DockerHost.PullAsync(scope.Docker, repo, tag);
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = demo.Name,
            Image = demo.Image,
            Volumes = new Dictionary<string, EmptyStruct> { ["/cache"] = default },
            StopTimeout = TimeSpan.FromSeconds(2),
        });
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var volume = (await scope.Docker.Containers.InspectContainerAsync(created.ID)).Mounts.Single(m => m.Destination == "/cache").Name;
        var folder = (await scope.Docker.Volumes.InspectAsync(volume)).Mountpoint;
        await File.WriteAllTextAsync(Path.Combine(folder, "kept.txt"), "precious");
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("2.0"));

        (await UpdateAsync(newDigest)).Outcome.ShouldBe(JobOutcome.Succeeded);

        var mounts = (await demo.InspectAsync()).Mounts;
        mounts.Single(m => m.Destination == "/cache").Name.ShouldBe(volume);
        (await File.ReadAllTextAsync(Path.Combine(folder, "kept.txt"))).ShouldBe("precious");
    }

    [Fact]
    public async Task Keeps_every_network_with_its_aliases_and_drops_the_old_short_id_alias()
    {
        var oldId = await demo.CreateAsync();
        var second = scope.Prefix + "net2";
        await scope.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = second });
        await scope.Docker.Networks.ConnectNetworkAsync(second, new NetworkConnectParameters
        {
            Container = oldId,
            EndpointConfig = new EndpointSettings { Aliases = ["api"] },
        });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("2.0"));

        (await UpdateAsync(newDigest)).Outcome.ShouldBe(JobOutcome.Succeeded);

        var networks = (await demo.InspectAsync()).NetworkSettings.Networks;
        networks.Keys.Order(StringComparer.Ordinal).ShouldBe(new[] { demo.Network, second }.Order(StringComparer.Ordinal));
        networks[demo.Network].Aliases.ShouldContain("web");
        networks[second].Aliases.ShouldContain("api");
        networks.Values.SelectMany(n => n.Aliases ?? []).ShouldNotContain(oldId[..12]);
    }

    [Fact]
    public async Task Gives_the_new_container_its_own_hostname_when_the_old_one_was_its_short_id()
    {
        var oldId = await demo.CreateAsync();
        (await demo.InspectAsync()).Config.Hostname.ShouldBe(oldId[..12]);
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("2.0"));

        (await UpdateAsync(newDigest)).Outcome.ShouldBe(JobOutcome.Succeeded);

        var updated = await demo.InspectAsync();
        updated.Config.Hostname.ShouldBe(updated.ID[..12]);
    }

    private Task<UpdateOutcome> UpdateAsync(string digest) =>
        Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, digest, new HealthGateSettings(2, 15));
}
