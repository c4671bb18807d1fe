using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>
/// Why a container cannot run twice at once, which start-first needs: the second copy would be refused the
/// fixed host port, static address or MAC address the first one holds.
/// </summary>
internal static class StartFirstClash
{
    /// <summary>The first clash found, or null when a second copy can run beside the first.</summary>
    public static string? Find(ContainerInspectResponse container)
    {
        var host = container.HostConfig;
        var fixedPort = host.PortBindings?
            .SelectMany(p => (p.Value ?? []).Select(b => (Port: p.Key, Binding: b)))
            .FirstOrDefault(p => !string.IsNullOrEmpty(p.Binding.HostPort) && p.Binding.HostPort != "0");
        if (fixedPort is { Binding: not null } port)
        {
            return $"it publishes {port.Port} on the fixed host port {port.Binding.HostPort}";
        }

        if (host.NetworkMode == "host")
        {
            return "it uses the host's network, where both copies would need the same ports";
        }

        if (host.NetworkMode?.StartsWith("container:", StringComparison.Ordinal) == true)
        {
            return $"it shares the network of {host.NetworkMode["container:".Length..]}, where both copies would need the same ports";
        }

        foreach (var (network, endpoint) in container.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
        {
            var address = endpoint.IPAMConfig?.IPv4Address is { Length: > 0 } v4 ? v4 : endpoint.IPAMConfig?.IPv6Address;
            if (!string.IsNullOrEmpty(address))
            {
                return $"it has the static address {address} on {network}";
            }
        }

        return string.IsNullOrEmpty(container.Config.MacAddress) ? null : $"it has the fixed MAC address {container.Config.MacAddress}";
    }
}
