using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>The namespaces a container can take from another: <c>--network</c>, <c>--pid</c> and <c>--ipc container:X</c>.</summary>
internal static class SharedNamespaces
{
    private const string Prefix = "container:";

    /// <summary>The X of each <c>container:X</c> mode in <paramref name="host"/>, as the engine stored it.</summary>
    public static IReadOnlyList<string> Targets(HostConfig host) =>
        new[] { host.NetworkMode, host.PidMode, host.IpcMode }.Select(Target).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when the container has no network of its own but another container's.</summary>
    public static bool JoinsAnotherNetwork(HostConfig host) => Target(host.NetworkMode) is not null;

    /// <summary>Points each <c>container:X</c> mode whose X <paramref name="replacement"/> maps at the id it returns; others stay as they are.</summary>
    public static void Repoint(HostConfig host, Func<string, string?> replacement)
    {
        host.NetworkMode = Repoint(host.NetworkMode, replacement);
        host.PidMode = Repoint(host.PidMode, replacement);
        host.IpcMode = Repoint(host.IpcMode, replacement);
    }

    private static string? Target(string? mode) =>
        mode is not null && mode.StartsWith(Prefix, StringComparison.Ordinal) && mode.Length > Prefix.Length ? mode[Prefix.Length..] : null;

    private static string? Repoint(string? mode, Func<string, string?> replacement) =>
        Target(mode) is { } target && replacement(target) is { } id ? Prefix + id : mode;
}
