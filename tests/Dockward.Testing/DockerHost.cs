using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockward.Testing;

/// <summary>The real Docker engine on this machine (started by scripts/test). A missing engine fails the tests, never skips them.</summary>
public static class DockerHost
{
    public const string Endpoint = "unix:///var/run/docker.sock";

    public static DockerClient Connect() => new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();

    public static async Task EnsureRunningAsync()
    {
        using var client = Connect();
        try
        {
            await client.System.PingAsync();
        }
        catch (Exception e) when (e is HttpRequestException or DockerApiException or IOException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"The Docker engine at {Endpoint} does not answer ({e.Message}); scripts/test starts dockerd.", e);
        }
    }

    /// <summary>Removes containers, networks and volumes whose names start with <paramref name="prefix"/>.</summary>
    public static async Task RemoveAllAsync(IDockerClient client, string prefix)
    {
        foreach (var container in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }))
        {
            if (container.Names.Any(n => n.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal)))
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
            }
        }

        foreach (var network in await client.Networks.ListNetworksAsync())
        {
            if (network.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                await client.Networks.DeleteNetworkAsync(network.ID);
            }
        }

        var volumes = await client.Volumes.ListAsync();
        foreach (var volume in volumes.Volumes ?? [])
        {
            if (volume.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                await client.Volumes.RemoveAsync(volume.Name, force: true);
            }
        }
    }

    /// <summary>Pulls an image reference through the engine, failing on an in-stream pull error.</summary>
    public static async Task PullAsync(IDockerClient client, string repository, string tag, AuthConfig? login = null)
    {
        string? error = null;
        await client.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = repository, Tag = tag },
            login ?? new AuthConfig(),
            new SyncProgress(m => error ??= m.Error?.Message ?? (string.IsNullOrEmpty(m.ErrorMessage) ? null : m.ErrorMessage)));
        if (error is not null)
        {
            throw new InvalidOperationException($"pull {repository}:{tag} failed: {error}");
        }
    }

    private sealed class SyncProgress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
