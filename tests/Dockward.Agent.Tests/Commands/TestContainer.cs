using Docker.DotNet.Models;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Commands;

/// <summary>A busybox container of a test's own image, pushed to the test registry, pulled and started.</summary>
internal static class TestContainer
{
    /// <summary>Runs <paramref name="image"/> as <c>{prefix}{name}</c>; <paramref name="configure"/> adds to what it is created with.</summary>
    public static async Task<string> RunAsync(Servers servers, DockerScope scope, string name, TestImage image, Action<CreateContainerParameters>? configure = null)
    {
        var repository = $"{scope.Prefix}/{name}";
        await TestImages.PushAsync(servers.Registry, repository, "1", image);
        await DockerHost.PullAsync(scope.Docker, $"{servers.Registry.Host}/{repository}", "1");
        var parameters = new CreateContainerParameters
        {
            Name = scope.Prefix + name,
            Image = $"{servers.Registry.Host}/{repository}:1",
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = new HostConfig(),
        };
        configure?.Invoke(parameters);
        var created = await scope.Docker.Containers.CreateContainerAsync(parameters);
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }
}
