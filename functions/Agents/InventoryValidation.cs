using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dockward.Contracts;

namespace Dockward.Functions.Agents;

/// <summary>What an inventory report must look like before it replaces anything.</summary>
internal static partial class InventoryValidation
{
    private const int MaxContainers = 5000;
    private const int MaxText = 512;
    private const int MaxRepoDigests = 64;
    private const int MaxLabels = 256;

    // Table Storage holds at most 64 KiB per property; labels are stored together as one JSON column.
    private const int MaxLabelValue = 2048;

    private const int MaxPorts = 256;
    private const int MaxMounts = 128;
    private const int MaxPath = 1024;
    private const int MaxNetworks = 32;
    private const int MaxAliases = 32;
    private const int MaxEnv = 1000;
    private const int MaxHealthOutput = 4096;
    private const int MaxArguments = 256;
    private const int MaxArgumentText = 16_384;
    private const int MaxColumn = 30_000;

    // The environment is stored encrypted in one column: base64 grows it by a third, and a column holds 32K characters.
    private const int MaxEnvBytes = 22_000;

    private static readonly HashSet<string> Protocols = new(["tcp", "udp", "sctp"], StringComparer.Ordinal);
    private static readonly HashSet<string> MountTypes = new(["bind", "volume", "tmpfs"], StringComparer.Ordinal);
    // Docker reports "" for a container created without a restart policy: the same as "no".
    private static readonly HashSet<string> RestartPolicies = new(["", "no", "always", "unless-stopped", "on-failure"], StringComparer.Ordinal);

    public static string? FirstError(InventoryReport report)
    {
        if (report.Containers.Count > MaxContainers)
        {
            return $"containers: at most {MaxContainers} per host.";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < report.Containers.Count; i++)
        {
            var c = report.Containers[i];
            if (!ContainerName().IsMatch(c.Name))
            {
                return $"containers[{i}].name '{c.Name}' is not a Docker container name.";
            }

            if (!names.Add(c.Name))
            {
                return $"containers[{i}].name '{c.Name}' appears twice.";
            }

            if (string.IsNullOrEmpty(c.Id) || c.Id.Length > 128 || string.IsNullOrEmpty(c.Image) || c.Image.Length > MaxText
                || c.ImageId.Length > 128 || c.State.Length > 32 || c.Health?.Length > 32)
            {
                return $"containers[{i}] needs an id (at most 128 characters) and an image (at most {MaxText}), with a state and health of at most 32.";
            }

            if (c.RepoDigests.Count > MaxRepoDigests || c.RepoDigests.Any(d => d.Length > MaxText))
            {
                return $"containers[{i}].repoDigests: at most {MaxRepoDigests}, each at most {MaxText} characters.";
            }

            if (c.Platform is not null && !PlatformText().IsMatch(c.Platform))
            {
                return $"containers[{i}].platform '{c.Platform}' is not os/architecture[/variant].";
            }

            if (c.Details is { } details && DetailsError(details) is { } problem)
            {
                return $"containers[{i}].{problem}";
            }

            if (c.Labels.Count > MaxLabels || c.Labels.Any(l => l.Key.Length > MaxText || l.Value.Length > MaxLabelValue))
            {
                return $"containers[{i}].labels: at most {MaxLabels}, keys at most {MaxText} and values at most {MaxLabelValue} characters.";
            }
        }

        return null;
    }

    private static string? DetailsError(ContainerDetails d)
    {
        if (d.Ports.Count > MaxPorts)
        {
            return $"details.ports: at most {MaxPorts}.";
        }

        for (var p = 0; p < d.Ports.Count; p++)
        {
            var port = d.Ports[p];
            if (port.ContainerPort is < 1 or > 65535 || port.HostPort is < 1 or > 65535)
            {
                return $"details.ports[{p}]: ports are 1 to 65535 (containerPort {port.ContainerPort}, hostPort {port.HostPort}).";
            }

            if (!Protocols.Contains(port.Protocol))
            {
                return $"details.ports[{p}].protocol '{port.Protocol}' is not tcp, udp or sctp.";
            }

            if (port.HostIp?.Length > 64)
            {
                return $"details.ports[{p}].hostIp: at most 64 characters.";
            }
        }

        if (d.Mounts.Count > MaxMounts)
        {
            return $"details.mounts: at most {MaxMounts}.";
        }

        for (var m = 0; m < d.Mounts.Count; m++)
        {
            var mount = d.Mounts[m];
            if (!MountTypes.Contains(mount.Type))
            {
                return $"details.mounts[{m}].type '{mount.Type}' is not bind, volume or tmpfs.";
            }

            if (string.IsNullOrEmpty(mount.Destination) || mount.Destination.Length > MaxPath || mount.Source?.Length > MaxPath)
            {
                return $"details.mounts[{m}] needs a destination; source and destination at most {MaxPath} characters.";
            }
        }

        if (d.Networks.Count > MaxNetworks || d.Networks.Any(n => n.Name.Length is 0 or > MaxText || n.IpAddress?.Length > 64
            || n.Aliases.Count > MaxAliases || n.Aliases.Any(a => a.Length > MaxText)))
        {
            return $"details.networks: at most {MaxNetworks}, each named (at most {MaxText} characters) with at most {MaxAliases} aliases of at most {MaxText}.";
        }

        if (d.Env.Count > MaxEnv || d.Env.Any(e => e.Length == 0 || e[0] == '='))
        {
            return $"details.env: at most {MaxEnv} entries, each KEY=VALUE.";
        }

        var envBytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(d.Env));
        if (envBytes > MaxEnvBytes)
        {
            return $"details.env takes {envBytes} bytes as JSON; at most {MaxEnvBytes}.";
        }

        if (!RestartPolicies.Contains(d.RestartPolicy.Name) || d.RestartPolicy.MaximumRetryCount is < 0 or > 10_000)
        {
            return $"details.restartPolicy '{d.RestartPolicy.Name}' is not no, always, unless-stopped or on-failure with a retry count of 0 to 10000.";
        }

        if (d.HealthOutput?.Length > MaxHealthOutput)
        {
            return $"details.healthOutput: at most {MaxHealthOutput} characters.";
        }

        if (d.RestartCount < 0)
        {
            return "details.restartCount must not be negative.";
        }

        if (d.Command?.Count > MaxArguments || d.Entrypoint?.Count > MaxArguments
            || (d.Command ?? []).Concat(d.Entrypoint ?? []).Sum(a => a.Length) > MaxArgumentText)
        {
            return $"details.command and details.entrypoint: at most {MaxArguments} arguments each, {MaxArgumentText} characters together.";
        }

        // Each part is one table column: at most 64 KiB, that is 32K UTF-16 characters.
        foreach (var (part, value) in new (string, object)[] { ("ports", d.Ports), ("mounts", d.Mounts), ("networks", d.Networks) })
        {
            var length = JsonSerializer.Serialize(value).Length;
            if (length > MaxColumn)
            {
                return $"details.{part} take {length} characters as JSON; at most {MaxColumn}.";
            }
        }

        return null;
    }

    // Lower-case words as the OCI image spec writes platforms (linux/amd64, linux/arm/v7, windows/amd64).
    [GeneratedRegex("^[a-z0-9_.-]{1,32}/[a-z0-9_.-]{1,32}(/[a-z0-9_.-]{1,32})?$")]
    private static partial Regex PlatformText();

    // Docker's own rule for container names.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerName();
}
