using Docker.DotNet;

namespace Dockward.Testing;

/// <summary>
/// One test's corner of the Docker engine: a client and a unique prefix for every container, network,
/// volume and image repository the test makes. Disposing it removes everything carrying the prefix.
/// </summary>
public sealed class DockerScope(string stem) : IAsyncDisposable
{
    public DockerClient Docker { get; } = DockerHost.Connect();

    public string Prefix { get; } = Servers.UniqueName(stem);

    public async ValueTask DisposeAsync()
    {
        await DockerHost.RemoveAllAsync(Docker, Prefix);
        Docker.Dispose();
    }
}
