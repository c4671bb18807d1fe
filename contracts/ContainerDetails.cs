namespace Dockward.Contracts;

/// <summary>What a container really has beyond its image and state: enough for the detail page and for a configuration edit.</summary>
/// <param name="Ports">Every exposed port, with its host binding when published.</param>
/// <param name="Mounts">Bind mounts, volumes and tmpfs mounts.</param>
/// <param name="Networks">Every network the container is attached to.</param>
/// <param name="Env">The container's environment as Docker keeps it, <c>KEY=VALUE</c>, in order.</param>
/// <param name="RestartPolicy">The restart policy from its host config.</param>
/// <param name="HealthOutput">The output of the last HEALTHCHECK run (trimmed), or null when there is none.</param>
/// <param name="HealthExitCode">The exit code of the last HEALTHCHECK run.</param>
/// <param name="HealthCheckedAt">When the last HEALTHCHECK run ended.</param>
/// <param name="StartedAt">When the container last started; null when it never did.</param>
/// <param name="FinishedAt">When the container last stopped; null while it never stopped.</param>
/// <param name="ExitCode">The exit code of its last run.</param>
/// <param name="RestartCount">How often Docker restarted it under its restart policy.</param>
/// <param name="Command">The command it runs (<c>Config.Cmd</c>).</param>
/// <param name="Entrypoint">Its entrypoint (<c>Config.Entrypoint</c>).</param>
public sealed record ContainerDetails(
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyList<MountInfo> Mounts,
    IReadOnlyList<NetworkAttachment> Networks,
    IReadOnlyList<string> Env,
    RestartPolicySpec RestartPolicy,
    string? HealthOutput,
    int? HealthExitCode,
    DateTimeOffset? HealthCheckedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    long RestartCount,
    IReadOnlyList<string>? Command,
    IReadOnlyList<string>? Entrypoint);
