using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dockward.Contracts;

namespace Dockward.Core.Containers.Config;

/// <summary>
/// What a configuration edit must be before anything is stored or sent to an agent: every problem is listed, so
/// a person fixes the edit in one go.
/// </summary>
internal static partial class ConfigChangeRules
{
    /// <summary>Most variables, labels, ports or mounts one edit may name.</summary>
    public const int MaxEntries = 200;

    /// <summary>Longest env value or label value, in characters.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>Longest name (env, label key, volume) or path, in characters.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Largest edit as JSON: it is stored in one column of the job (a table property holds 64 KiB).</summary>
    public const int MaxJsonLength = 30_000;

    private static readonly HashSet<string> Protocols = new(StringComparer.Ordinal) { "tcp", "udp", "sctp" };

    private static readonly HashSet<string> RestartPolicies = new(StringComparer.Ordinal) { "no", "always", "unless-stopped", "on-failure" };

    /// <summary>Every problem of <paramref name="change"/>; empty when it can be applied.</summary>
    public static IReadOnlyList<string> Problems(ConfigChange change)
    {
        var problems = new List<string>();
        if (IsEmpty(change))
        {
            problems.Add("the edit changes nothing: give env, labels, ports, mounts or restartPolicy");
            return problems;
        }

        if (change.Env is { } env)
        {
            CheckEnv(env, problems);
        }

        if (change.Labels is { } labels)
        {
            CheckLabels(labels, problems);
        }

        if (change.Ports is { } ports)
        {
            CheckPorts(ports, problems);
        }

        if (change.Mounts is { } mounts)
        {
            CheckMounts(mounts, problems);
        }

        if (change.RestartPolicy is { } restart)
        {
            CheckRestartPolicy(restart, problems);
        }

        if (problems.Count == 0 && JsonSerializer.Serialize(change).Length > MaxJsonLength)
        {
            problems.Add($"the edit is too large: at most {MaxJsonLength} characters as JSON");
        }

        return problems;
    }

    /// <summary>Nothing to set, remove or replace. An empty port or mount list is a change: it removes them all.</summary>
    public static bool IsEmpty(ConfigChange change) =>
        change.Env is not { Count: > 0 } && change.Labels is not { Count: > 0 }
        && change.Ports is null && change.Mounts is null && change.RestartPolicy is null;

    private static void CheckEnv(IReadOnlyDictionary<string, string?> env, List<string> problems)
    {
        if (env.Count > MaxEntries)
        {
            problems.Add($"env: at most {MaxEntries} variables per edit");
        }

        foreach (var (name, value) in env)
        {
            if (!EnvName().IsMatch(name) || name.Length > MaxNameLength)
            {
                problems.Add($"env '{Shown(name)}': a name is a letter or _ followed by letters, digits, _, . or - (at most {MaxNameLength})");
            }

            if (value is not null && (value.Contains('\0', StringComparison.Ordinal) || value.Length > MaxValueLength))
            {
                problems.Add($"env '{Shown(name)}': the value may not hold a NUL character and is at most {MaxValueLength} characters");
            }
        }
    }

    private static void CheckLabels(IReadOnlyDictionary<string, string?> labels, List<string> problems)
    {
        if (labels.Count > MaxEntries)
        {
            problems.Add($"labels: at most {MaxEntries} labels per edit");
        }

        foreach (var (key, value) in labels)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxNameLength || key.Contains('\0', StringComparison.Ordinal))
            {
                problems.Add($"label '{Shown(key)}': a key is not empty, at most {MaxNameLength} characters, without NUL");
            }
            else if (key.StartsWith("com.docker.compose.", StringComparison.Ordinal))
            {
                // Compose owns these: changing them makes compose lose track of (or fight over) the container.
                problems.Add($"label '{key}': com.docker.compose.* labels belong to Docker Compose and cannot be edited here");
            }
            else if (key.StartsWith("dockward.", StringComparison.Ordinal) || key.StartsWith("com.centurylinklabs.watchtower.", StringComparison.Ordinal))
            {
                // These steer the agent itself (hooks run commands in the container, strategies, pruning): an edit
                // through the API would let an operator run commands as the agent does. Policies are set through
                // /api/policies; hooks only on the container itself.
                problems.Add($"label '{key}': Dockward and Watchtower labels steer the agent and cannot be edited here; set policies through /api/policies");
            }

            if (value is not null && (value.Contains('\0', StringComparison.Ordinal) || value.Length > MaxValueLength))
            {
                problems.Add($"label '{Shown(key)}': the value may not hold a NUL character and is at most {MaxValueLength} characters");
            }
        }
    }

    private static void CheckPorts(IReadOnlyList<PortMapping> ports, List<string> problems)
    {
        if (ports.Count > MaxEntries)
        {
            problems.Add($"ports: at most {MaxEntries} ports");
        }

        var bound = new HashSet<(string, int, string)>();
        var listed = new HashSet<(int, string, string, int?)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var where = $"ports[{i}]";
            var protocol = port.Protocol ?? "";
            if (port.ContainerPort is < 1 or > 65535)
            {
                problems.Add($"{where}: containerPort must be 1-65535");
            }

            if (!Protocols.Contains(protocol))
            {
                problems.Add($"{where}: protocol must be tcp, udp or sctp");
            }

            if (port.HostPort is < 1 or > 65535)
            {
                problems.Add($"{where}: hostPort must be 1-65535 (or left out to only expose the port)");
            }

            var hostIp = port.HostIp ?? "";
            if (hostIp.Length > 0 && !IPAddress.TryParse(hostIp, out _))
            {
                problems.Add($"{where}: hostIp '{Shown(hostIp)}' is not an IP address");
            }

            if (port.HostIp is { Length: > 0 } && port.HostPort is null)
            {
                problems.Add($"{where}: a hostIp needs a hostPort");
            }

            if (!listed.Add((port.ContainerPort, protocol, hostIp, port.HostPort)))
            {
                problems.Add($"{where}: listed twice");
            }
            else if (port.HostPort is { } hostPort && !bound.Add((AnyAddress(hostIp), hostPort, protocol)))
            {
                problems.Add($"{where}: host port {hostPort}/{protocol} on {(hostIp.Length == 0 ? "every address" : hostIp)} is bound twice");
            }
        }
    }

    private static void CheckMounts(IReadOnlyList<MountInfo> mounts, List<string> problems)
    {
        if (mounts.Count > MaxEntries)
        {
            problems.Add($"mounts: at most {MaxEntries} mounts");
        }

        var destinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            var where = $"mounts[{i}]";
            if (!IsAbsolutePath(mount.Destination) || mount.Destination.TrimEnd('/').Length == 0)
            {
                problems.Add($"{where}: destination must be an absolute path inside the container (not /)");
            }
            else if (!destinations.Add(mount.Destination.TrimEnd('/')))
            {
                problems.Add($"{where}: destination {mount.Destination} is mounted twice");
            }

            switch (mount.Type)
            {
                case "bind" when !IsAbsolutePath(mount.Source):
                    problems.Add($"{where}: a bind mount's source must be an absolute path on the host");
                    break;
                case "volume" when mount.Source is null || !VolumeName().IsMatch(mount.Source) || mount.Source.Length > MaxNameLength:
                    problems.Add($"{where}: a volume mount's source must be a volume name (letters, digits, _, . and -)");
                    break;
                case "bind" or "volume":
                    break;
                case "tmpfs":
                    problems.Add($"{where}: tmpfs mounts are kept as the container has them and cannot be edited here");
                    break;
                default:
                    problems.Add($"{where}: type must be bind or volume");
                    break;
            }
        }
    }

    private static void CheckRestartPolicy(RestartPolicySpec restart, List<string> problems)
    {
        if (!RestartPolicies.Contains(restart.Name ?? ""))
        {
            problems.Add("restartPolicy: name must be no, always, unless-stopped or on-failure");
        }
        else if (restart.MaximumRetryCount != 0 && restart.Name != "on-failure")
        {
            problems.Add("restartPolicy: maximumRetryCount is only for on-failure");
        }

        if (restart.MaximumRetryCount is < 0 or > 1000)
        {
            problems.Add("restartPolicy: maximumRetryCount must be 0-1000");
        }
    }

    private static bool IsAbsolutePath(string? path) =>
        path is { Length: > 0 and <= 4096 } && path[0] == '/' && !path.Contains('\0', StringComparison.Ordinal);

    private static string AnyAddress(string hostIp) => hostIp is "0.0.0.0" or "::" ? "" : hostIp;

    /// <summary>A name as it may be quoted back: cut short, control characters out.</summary>
    private static string Shown(string value) =>
        new([.. value.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex VolumeName();
}
