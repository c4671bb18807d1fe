using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// A third container on a network that asks, as a client of the updated container would, what a name resolves
/// to (Docker's embedded DNS) and what it serves. Busybox's <c>nslookup</c> and <c>wget</c> from a test image.
/// </summary>
internal sealed class NetworkProbe(IDockerClient docker, string containerId)
{
    /// <param name="image">A test image (it has busybox); its HEALTHCHECK is switched off, the probe only sleeps.</param>
    public static async Task<NetworkProbe> StartAsync(IDockerClient docker, string name, string image, string network)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Cmd = ["sleep", "3600"],
            Healthcheck = new HealthConfig { Test = ["NONE"] },
            HostConfig = new HostConfig { NetworkMode = network },
        });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return new NetworkProbe(docker, created.ID);
    }

    /// <summary>The IPv4 addresses <paramref name="host"/> resolves to on the probe's network; none when it does not resolve.</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(string host)
    {
        var output = await ExecAsync("nslookup", "-type=a", host, "127.0.0.11");
        // The answer's lines are "Name: host" followed by "Address: a.b.c.d"; the server's own comes first.
        return output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("Address:", StringComparison.Ordinal))
            .Select(l => l["Address:".Length..].Trim())
            .Where(a => !a.StartsWith("127.0.0.11", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The page <paramref name="url"/> serves, trimmed; empty when it cannot be fetched.</summary>
    /// <remarks>No <c>wget -T</c>: the host's static busybox 1.35 crashes on it; the exec's own time limit bounds the wait.</remarks>
    public async Task<string> GetAsync(string url) => (await ExecAsync("wget", "-q", "-O", "-", url)).Trim();

    private async Task<string> ExecAsync(params string[] command)
    {
        var exec = await docker.Exec.ExecCreateContainerAsync(containerId, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, timeout.Token);
        var (stdout, _) = await stream.ReadOutputToEndAsync(timeout.Token);
        return stdout;
    }
}
