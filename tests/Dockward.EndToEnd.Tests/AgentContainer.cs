using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// The agent run as users run it: a container with the engine's socket, its data directory on a named volume and
/// the label that lets Dockward update it. On the host's network, so the control plane on 127.0.0.1 is reachable
/// (fine for a stop-first update: the old and new agent never run at once).
/// </summary>
internal sealed class AgentContainer(IDockerClient docker, string prefix, string image)
{
    private const string DataDirectory = "/var/lib/dockward-agent";

    public string Name => prefix + "agent";

    public string Volume => prefix + "agentdata";

    public async Task<string> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var reference = ImageName();
        await DockerHost.PullAsync(docker, reference.Repository, reference.Tag);
        var environment = settings
            .Where(s => s.Value is not null && s.Key != "DOCKWARD_AGENT__DATADIRECTORY")
            .Select(s => $"{s.Key}={s.Value}")
            .Append($"DOCKWARD_AGENT__DATADIRECTORY={DataDirectory}")
            .ToList();
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = Name,
            Image = image,
            Env = environment,
            Labels = new Dictionary<string, string> { ["dockward.enable"] = "true" },
            StopTimeout = TimeSpan.FromSeconds(10),
            HostConfig = new HostConfig
            {
                Binds = ["/var/run/docker.sock:/var/run/docker.sock", $"{Volume}:{DataDirectory}"],
                NetworkMode = "host",
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            },
        });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }

    public Task<ContainerInspectResponse> InspectAsync() => docker.Containers.InspectContainerAsync(Name);

    /// <summary>Every container of this test whose name starts with the agent's: the agent, and any helper or copy set aside.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        var all = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(Name, StringComparison.Ordinal)).Order().ToList();
    }

    /// <summary>The output of the agent container and of any helper, for failure messages.</summary>
    public async Task<string> LogsAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var name in await NamesAsync())
        {
            try
            {
                using var logs = await docker.Containers.GetContainerLogsAsync(name, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "200" });
                var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
                text.Append($"--- container {name} ---\n{stdout}{stderr}\n");
            }
            catch (DockerApiException e)
            {
                text.Append($"--- container {name}: no logs ({e.Message}) ---\n");
            }
        }

        return text.ToString();
    }

    private (string Repository, string Tag) ImageName()
    {
        var colon = image.LastIndexOf(':');
        return (image[..colon], image[(colon + 1)..]);
    }
}
