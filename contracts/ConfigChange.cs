namespace Dockward.Contracts;

/// <summary>
/// A change to a container's configuration, applied by recreating it through the update engine (same image digest,
/// same gate, rolled back on failure). Every part left null stays as the container has it.
/// </summary>
/// <param name="Env">Variables to set (a value) or remove (null); the others stay.</param>
/// <param name="Ports">When given, every published port: this list replaces the container's port bindings.</param>
/// <param name="Mounts">When given, every bind and volume mount: this list replaces them (tmpfs mounts stay).</param>
/// <param name="Labels">Labels to set (a value) or remove (null); the others stay.</param>
/// <param name="RestartPolicy">When given, the new restart policy.</param>
public sealed record ConfigChange(
    IReadOnlyDictionary<string, string?>? Env = null,
    IReadOnlyList<PortMapping>? Ports = null,
    IReadOnlyList<MountInfo>? Mounts = null,
    IReadOnlyDictionary<string, string?>? Labels = null,
    RestartPolicySpec? RestartPolicy = null);
