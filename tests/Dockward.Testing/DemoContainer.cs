using Docker.DotNet;
using Docker.DotNet.Models;
namespace Dockward.Testing;

/// <summary>
/// A container set up the way users run them: env, a published port, a named volume, a user network
/// with an alias, and a label. Everything it creates carries <see cref="Prefix"/> so one call removes it.
/// </summary>
public sealed class DemoContainer(IDockerClient docker, string prefix, string image)
{
    public string Prefix => prefix;

    public string Name => prefix + "demo";

    public string Network => prefix + "net";

    public string Volume => prefix + "vol";

    public string Image => image;

    public int HostPort { get; } = FreePort.Next();

    /// <param name="login">Credentials for pulling the image, when its registry needs them.</param>
    /// <param name="labels">Labels besides the demo's own (<c>team=blue</c>, <c>dockward.enable=true</c>).</param>
    /// <param name="fixedHostPort">Publish 8080 on <see cref="HostPort"/>; otherwise on a port the engine picks, so two copies can run at once.</param>
    public async Task<string> CreateAsync(bool start = true, AuthConfig? login = null, IReadOnlyDictionary<string, string>? labels = null, bool fixedHostPort = true)
    {
        var allLabels = new Dictionary<string, string> { ["team"] = "blue", ["dockward.enable"] = "true" };
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            allLabels[key] = value;
        }

        var reference = ImageParts();
        await DockerHost.PullAsync(docker, reference.Repository, reference.Tag, login);
        await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = Network });
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = Name,
            Image = image,
            Env = ["GREETING=hello", "MODE=demo"],
            Labels = allLabels,
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["8080/tcp"] = default },
            StopTimeout = TimeSpan.FromSeconds(2),
            HostConfig = new HostConfig
            {
                Binds = [$"{Volume}:/data"],
                PortBindings = new Dictionary<string, IList<PortBinding>> { ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = fixedHostPort ? HostPort.ToString() : "" }] },
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                NetworkMode = Network,
            },
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [Network] = new EndpointSettings { Aliases = ["web"] } },
            },
        });
        if (start)
        {
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        }

        return created.ID;
    }

    public Task<ContainerInspectResponse> InspectAsync() => docker.Containers.InspectContainerAsync(Name);

    /// <summary>The digests of the image the container runs now.</summary>
    public async Task<IList<string>> RunningRepoDigestsAsync()
    {
        var container = await InspectAsync();
        var running = await docker.Images.InspectImageAsync(container.Image);
        return running.RepoDigests;
    }

    public async Task<string> GetPageAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return (await http.GetStringAsync(new Uri($"http://127.0.0.1:{HostPort}/"))).Trim();
    }

    public (string Repository, string Tag) ImageParts()
    {
        var colon = image.LastIndexOf(':');
        return (image[..colon], image[(colon + 1)..]);
    }
}
