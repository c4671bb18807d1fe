namespace Dockward.Contracts;

/// <summary>A container port and, when published, where it is bound on the host.</summary>
/// <param name="ContainerPort">The port inside the container, 1–65535.</param>
/// <param name="Protocol"><c>tcp</c> (the default), <c>udp</c> or <c>sctp</c>.</param>
/// <param name="HostIp">The host address it is bound to; null or empty for every address.</param>
/// <param name="HostPort">The host port, 1–65535; null when the port is only exposed, not published.</param>
public sealed record PortMapping(int ContainerPort, string Protocol = "tcp", string? HostIp = null, int? HostPort = null);
