namespace Dockward.Contracts;

/// <summary>How long a new container is watched before an update is final.</summary>
/// <param name="MonitorWindowSeconds">How long it must keep running with no exit, restart, OOM kill or turn to unhealthy (after <c>healthy</c>, when it has a HEALTHCHECK).</param>
/// <param name="HealthTimeoutSeconds">With a HEALTHCHECK: the most to wait for <c>healthy</c> on top of the check's own timing.</param>
public sealed record HealthGateSettings(int MonitorWindowSeconds, int HealthTimeoutSeconds);
