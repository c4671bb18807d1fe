namespace Dockward.Core.Policies.Labels;

/// <summary>
/// Watchtower's container labels, so containers labelled for Watchtower need no relabelling. Only settings no
/// <c>dockward.*</c> label gave are taken from them. <see cref="DependsOn"/> orders updates
/// (<see cref="Updates.ComposeOrder"/>); the lifecycle hooks are run by the agent.
/// </summary>
internal static class WatchtowerLabels
{
    private const string Prefix = "com.centurylinklabs.watchtower.";

    /// <summary><c>true</c> watches the container, <c>false</c> leaves it alone.</summary>
    public const string Enable = Prefix + "enable";

    /// <summary><c>true</c>: look for updates and report them, never update.</summary>
    public const string MonitorOnly = Prefix + "monitor-only";

    /// <summary>Names of containers (comma-separated) this one depends on: they are updated before it.</summary>
    public const string DependsOn = Prefix + "depends-on";

    /// <summary>Lifecycle hooks: commands the agent runs inside the container around a check or an update.</summary>
    public const string PreCheck = Prefix + "lifecycle.pre-check";
    public const string PostCheck = Prefix + "lifecycle.post-check";
    public const string PreUpdate = Prefix + "lifecycle.pre-update";
    public const string PostUpdate = Prefix + "lifecycle.post-update";
    public const string PreUpdateTimeout = Prefix + "lifecycle.pre-update-timeout";
    public const string PostUpdateTimeout = Prefix + "lifecycle.post-update-timeout";

    /// <summary>A depends-on label longer than this is not read: it comes from an agent, and no real list is that long.</summary>
    private const int MaxDependsOnLength = 8192;

    public static void Read(LabelReading r)
    {
        r.Enable(Enable);

        if (!r.Gives("mode") && r.Has(MonitorOnly, out var monitorOnly))
        {
            if (string.Equals(monitorOnly, "true", StringComparison.OrdinalIgnoreCase))
            {
                r.Set("mode", MonitorOnly, s => s with { Mode = UpdateMode.Monitor });
            }
            else if (!string.Equals(monitorOnly, "false", StringComparison.OrdinalIgnoreCase))
            {
                r.Hold(MonitorOnly, monitorOnly, "is not true or false");
            }
        }
    }

    /// <summary>The container names the labels say this container depends on (without Docker's leading <c>/</c>).</summary>
    public static IReadOnlyList<string> DependenciesOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(DependsOn, out var value) && value.Length <= MaxDependsOnLength
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => name.TrimStart('/'))
                .Where(name => name.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList()
            : [];
}
