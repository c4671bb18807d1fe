using Dockward.Contracts;

namespace Dockward.Core.Containers.Config;

/// <summary>
/// The parts of a container's configuration an edit can change. A part is null when it is not known: the agent
/// reported no details for the container (an older agent), so only what the edit sets is shown.
/// </summary>
internal sealed record ContainerConfigView(
    IReadOnlyList<EnvVariable>? Env,
    IReadOnlyList<PortMapping>? Ports,
    IReadOnlyList<MountInfo>? Mounts,
    IReadOnlyDictionary<string, string> Labels,
    RestartPolicySpec? RestartPolicy);
