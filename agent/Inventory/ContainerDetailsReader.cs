using System.Globalization;
using Docker.DotNet.Models;
using Dockward.Contracts;
using NetworkAttachment = Dockward.Contracts.NetworkAttachment;

namespace Dockward.Agent.Inventory;

/// <summary>The <see cref="ContainerDetails"/> of a container, read from its inspect: no further engine call.</summary>
internal static class ContainerDetailsReader
{
    /// <summary>Longest health check output sent: the end of a long output is rarely the useful part, its start is.</summary>
    public const int HealthOutputLength = 4096;

    public static ContainerDetails Read(ContainerInspectResponse container)
    {
        var state = container.State;
        var lastCheck = state?.Health?.Log?.LastOrDefault();
        var startedAt = EngineTime(state?.StartedAt);
        return new ContainerDetails(
            Ports(container),
            Mounts(container),
            Networks(container),
            container.Config?.Env?.ToArray() ?? [],
            RestartPolicy(container.HostConfig?.RestartPolicy),
            lastCheck is null ? null : ReportLimits.Truncate(lastCheck.Output?.Trim(), HealthOutputLength),
            lastCheck is null ? null : (int)lastCheck.ExitCode,
            lastCheck is null || lastCheck.End == default ? null : new DateTimeOffset(DateTime.SpecifyKind(lastCheck.End, DateTimeKind.Utc)),
            startedAt,
            EngineTime(state?.FinishedAt),
            startedAt is null || state is null ? null : (int)state.ExitCode,
            container.RestartCount,
            container.Config?.Cmd is { Count: > 0 } cmd ? cmd.ToArray() : null,
            container.Config?.Entrypoint is { Count: > 0 } entrypoint ? entrypoint.ToArray() : null);
    }

    /// <summary>
    /// Every port the container exposes or publishes. The configured bindings (HostConfig) say what was asked
    /// for; a binding to port "" (any free one) is shown with the port the engine picked while it runs.
    /// </summary>
    private static List<PortMapping> Ports(ContainerInspectResponse container)
    {
        var configured = container.HostConfig?.PortBindings ?? new Dictionary<string, IList<PortBinding>>();
        var actual = container.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>();
        var keys = (container.Config?.ExposedPorts?.Keys ?? []).Concat(configured.Keys).Concat(actual.Keys).Distinct(StringComparer.Ordinal);
        var ports = new List<PortMapping>();
        foreach (var key in keys)
        {
            if (ParsePortKey(key) is not var (port, protocol))
            {
                continue;
            }

            actual.TryGetValue(key, out var bound);
            if (configured.TryGetValue(key, out var asked) && asked is { Count: > 0 })
            {
                foreach (var binding in asked)
                {
                    var hostPort = ParsePort(binding.HostPort)
                        ?? bound?.Where(b => SameAddress(b.HostIP, binding.HostIP)).Select(b => ParsePort(b.HostPort)).FirstOrDefault(p => p is not null);
                    ports.Add(new PortMapping(port, protocol, EmptyAsNull(binding.HostIP), hostPort));
                }
            }
            else if (bound is { Count: > 0 })
            {
                // Published without a configured binding: -P (publish all) picks host ports when it starts.
                ports.AddRange(bound.Select(b => new PortMapping(port, protocol, EmptyAsNull(b.HostIP), ParsePort(b.HostPort))));
            }
            else
            {
                ports.Add(new PortMapping(port, protocol, null, null));
            }
        }

        return [.. ports.OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.HostIp, StringComparer.Ordinal)];
    }

    private static (int Port, string Protocol)? ParsePortKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var number = slash < 0 ? key : key[..slash];
        var protocol = slash < 0 ? "tcp" : key[(slash + 1)..].ToLowerInvariant();
        return ParsePort(number) is { } port ? (port, protocol) : null;
    }

    private static int? ParsePort(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;

    // The engine reports a binding asked for on "" (every address) as 0.0.0.0 and ::.
    private static bool SameAddress(string? actual, string? asked) =>
        string.IsNullOrEmpty(asked) ? actual is null or "" or "0.0.0.0" or "::" : string.Equals(actual, asked, StringComparison.Ordinal);

    private static string? EmptyAsNull(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static List<MountInfo> Mounts(ContainerInspectResponse container) =>
        [.. (container.Mounts ?? []).Select(m => new MountInfo(
            m.Type ?? "bind",
            m.Type switch
            {
                "volume" => EmptyAsNull(m.Name) ?? EmptyAsNull(m.Source),
                "tmpfs" => null,
                _ => EmptyAsNull(m.Source),
            },
            m.Destination,
            !m.RW))];

    private static List<NetworkAttachment> Networks(ContainerInspectResponse container)
    {
        // On user networks the engine adds the container's short id as an alias of its own (API < 1.45); it is no
        // alias anyone chose, and a recreated container gets another.
        var shortId = container.ID is { Length: >= 12 } id ? id[..12] : container.ID ?? "";
        return [.. (container.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => new NetworkAttachment(
                n.Key,
                EmptyAsNull(n.Value?.IPAddress),
                [.. (n.Value?.Aliases ?? []).Where(a => !string.Equals(a, shortId, StringComparison.Ordinal))]))];
    }

    private static RestartPolicySpec RestartPolicy(RestartPolicy? policy) => policy?.Name switch
    {
        RestartPolicyKind.Always => new RestartPolicySpec("always"),
        RestartPolicyKind.UnlessStopped => new RestartPolicySpec("unless-stopped"),
        RestartPolicyKind.OnFailure => new RestartPolicySpec("on-failure", (int)Math.Clamp(policy.MaximumRetryCount, 0, int.MaxValue)),
        _ => new RestartPolicySpec("no"),
    };

    /// <summary>An engine time (RFC 3339 text); null for the zero time the engine shows for "never".</summary>
    private static DateTimeOffset? EngineTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1
            ? time.ToUniversalTime()
            : null;
}
