namespace Dockward.Contracts;

/// <summary>A network a container is attached to.</summary>
/// <param name="Name">The network's name.</param>
/// <param name="IpAddress">The container's IPv4 address on it, when it has one.</param>
/// <param name="Aliases">Its DNS aliases there (without the container's own id).</param>
public sealed record NetworkAttachment(string Name, string? IpAddress, IReadOnlyList<string> Aliases);
