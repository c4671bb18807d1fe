using System.Security.Cryptography;
using System.Text;
using Dockward.Contracts;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// The containers of a simulated host: compose projects of ten services each (<see cref="ServiceTemplate.All"/>), with
/// the labels, digests, ports, mounts, networks and environment Docker reports for them. States and health vary
/// (mostly running and healthy, some exited, created, paused, restarting, unhealthy or starting) and some carry
/// Dockward's own labels (enable, group, update mode), so every filter of the list selects something.
/// </summary>
internal static class SimulatedInventory
{
    private static readonly string[] Projects = ["shop", "billing", "auth", "crm", "wiki", "ci", "mail", "chat", "media", "analytics"];

    public static List<ContainerSnapshot> Containers(int agentIndex, int count, Random random, DateTimeOffset now) =>
        Enumerable.Range(0, count).Select(j => Container(agentIndex, j, random, now)).ToList();

    /// <summary>The same container after a start, a stop or a health change.</summary>
    public static ContainerSnapshot Changed(ContainerSnapshot container, Random random, DateTimeOffset now)
    {
        var details = container.Details!;
        return container.State switch
        {
            "running" when random.NextDouble() < 0.5 => container with
            {
                State = "exited",
                Health = null,
                Details = details with { FinishedAt = now, ExitCode = random.NextDouble() < 0.7 ? 0 : 137 },
            },
            "running" when container.Health is not null => container with
            {
                Health = container.Health == "healthy" ? "unhealthy" : "healthy",
                Details = details with { HealthCheckedAt = now, HealthExitCode = container.Health == "healthy" ? 1 : 0 },
            },
            "running" => container with { Details = details with { RestartCount = details.RestartCount + 1, StartedAt = now } },
            _ => container with
            {
                State = "running",
                Health = details.HealthOutput is null ? null : "starting",
                Details = details with { StartedAt = now, ExitCode = 0 },
            },
        };
    }

    private static ContainerSnapshot Container(int agentIndex, int j, Random random, DateTimeOffset now)
    {
        var service = ServiceTemplate.All[j % ServiceTemplate.All.Count];
        var projectNumber = j / ServiceTemplate.All.Count;
        var project = $"{Projects[projectNumber % Projects.Length]}{(projectNumber / Projects.Length) + 1}";
        var name = $"{project}-{service.Name}-1";
        var state = State(random);
        var health = service.HealthCheck && state == "running" ? Health(random) : null;
        var created = now.AddDays(-random.Next(1, 400)).AddSeconds(-random.Next(86_400));
        var started = created.AddSeconds(random.Next(1, 3600));
        var imageId = "sha256:" + Hex($"image {service.Image}");
        var labels = Labels(project, service, j, random, imageId);
        var details = new ContainerDetails(
            Ports(service, j),
            Mounts(project, service),
            Networks(project, service, name, j),
            ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", $"HOSTNAME={Hex(name)[..12]}", .. service.Env],
            new RestartPolicySpec(j % 7 == 0 ? "on-failure" : "unless-stopped", j % 7 == 0 ? 5 : 0),
            service.HealthCheck ? $"{(health == "unhealthy" ? "connection refused" : "OK")} ({service.Name} probe)" : null,
            service.HealthCheck ? (health == "unhealthy" ? 1 : 0) : null,
            service.HealthCheck ? now.AddSeconds(-random.Next(1, 30)) : null,
            state == "created" ? null : started,
            state is "exited" or "dead" ? started.AddHours(random.Next(1, 200)) : null,
            state is "exited" or "dead" ? (random.NextDouble() < 0.6 ? 0 : 1) : null,
            state == "restarting" ? random.Next(3, 40) : random.Next(0, 3),
            service.Command,
            ["/docker-entrypoint.sh"]);
        return new ContainerSnapshot(
            Hex($"container {agentIndex} {j}"),
            name,
            service.Image,
            imageId,
            [$"{service.Repository}@sha256:{Hex($"digest {service.Image}")}"],
            state,
            health,
            labels,
            created,
            j % 13 == 0 ? "linux/arm64/v8" : "linux/amd64",
            details);
    }

    private static string State(Random random) => random.NextDouble() switch
    {
        < 0.85 => "running",
        < 0.93 => "exited",
        < 0.96 => "created",
        < 0.98 => "paused",
        < 0.99 => "restarting",
        _ => "dead",
    };

    private static string Health(Random random) => random.NextDouble() switch
    {
        < 0.90 => "healthy",
        < 0.96 => "unhealthy",
        _ => "starting",
    };

    private static Dictionary<string, string> Labels(string project, ServiceTemplate service, int j, Random random, string imageId)
    {
        var labels = new Dictionary<string, string>
        {
            ["com.docker.compose.project"] = project,
            ["com.docker.compose.service"] = service.Name,
            ["com.docker.compose.container-number"] = "1",
            ["com.docker.compose.oneoff"] = "False",
            ["com.docker.compose.project.working_dir"] = $"/srv/{project}",
            ["com.docker.compose.project.config_files"] = $"/srv/{project}/compose.yaml",
            ["com.docker.compose.config-hash"] = Hex($"config {project} {service.Name}"),
            ["com.docker.compose.depends_on"] = service.Name == "api" ? "db:service_healthy:false,cache:service_started:false" : "",
            ["com.docker.compose.image"] = imageId,
            ["com.docker.compose.version"] = "2.29.7",
            ["org.opencontainers.image.title"] = service.Name,
            ["org.opencontainers.image.version"] = service.Tag,
            ["org.opencontainers.image.source"] = $"https://github.com/example/{service.Name}",
        };

        // Most containers opt in by label; a group per project for some, and a few in a mode other than auto.
        if (random.NextDouble() < 0.7)
        {
            labels["dockward.enable"] = "true";
        }

        if (j % 3 == 0)
        {
            labels["dockward.group"] = project;
        }

        if (j % 11 == 0)
        {
            labels["dockward.update"] = j % 2 == 0 ? "monitor" : "manual";
        }

        return labels;
    }

    private static List<PortMapping> Ports(ServiceTemplate service, int j) =>
        service.Ports.Select((port, i) => new PortMapping(
            port,
            "tcp",
            service.Published && i == 0 ? "0.0.0.0" : null,
            service.Published && i == 0 ? 20_000 + j : null)).ToList();

    private static List<MountInfo> Mounts(string project, ServiceTemplate service)
    {
        List<MountInfo> mounts = [new("bind", "/etc/localtime", "/etc/localtime", true)];
        if (service.DataPath is not null)
        {
            mounts.Add(new("volume", $"{project}_{service.Name}-data", service.DataPath, false));
        }

        if (service.Name == "proxy")
        {
            mounts.Add(new("bind", "/var/run/docker.sock", "/var/run/docker.sock", true));
        }

        mounts.Add(new("tmpfs", null, "/tmp", false));
        return mounts;
    }

    private static List<NetworkAttachment> Networks(string project, ServiceTemplate service, string name, int j)
    {
        List<NetworkAttachment> networks = [new($"{project}_default", $"172.{18 + (j / 250 % 10)}.{j / 10 % 25}.{(j % 250) + 2}", [service.Name, name])];
        if (service.Published)
        {
            networks.Add(new("edge", $"172.30.{j / 250}.{(j % 250) + 2}", [name]));
        }

        return networks;
    }

    private static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
