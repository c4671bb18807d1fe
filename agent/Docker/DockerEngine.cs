using Docker.DotNet;

namespace Dockward.Agent.Docker;

/// <summary>Connects to the local Docker engine.</summary>
internal static class DockerEngine
{
    /// <summary>
    /// Docker.DotNet sends unversioned API paths, which the engine answers at its own newest version
    /// (1.41 on engine 20.10): the requests below use only fields that version knows.
    /// </summary>
    public static IDockerClient Connect(string endpoint) =>
        new DockerClientConfiguration(new Uri(endpoint), defaultTimeout: TimeSpan.FromSeconds(60)).CreateClient();

    /// <summary>The engine's version, as reported to the control plane.</summary>
    public static async Task<string> VersionAsync(IDockerClient docker, CancellationToken cancellationToken) =>
        (await docker.System.GetVersionAsync(cancellationToken)).Version;
}
