using Dockward.Core.Detection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Policies;

/// <summary>Works out a container's effective policy from its labels and the global settings.</summary>
internal sealed class PolicyResolver(IOptions<DetectionOptions> detection, IOptions<PolicyOptions> policy)
{
    public ContainerPolicy Resolve(IReadOnlyDictionary<string, string> labels)
    {
        var managed = labels.TryGetValue(PolicyLabels.Enable, out var enable)
            ? string.Equals(enable.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            : detection.Value.ManageAllContainers;

        var (tags, tagProblem) = TagLabels.Read(labels);
        if (!labels.TryGetValue(PolicyLabels.Mode, out var label))
        {
            return new ContainerPolicy(managed, policy.Value.DefaultMode, tagProblem, tags);
        }

        // A mistyped mode must not update a container its owner meant to protect: the safe reading is monitor.
        return TryParseMode(label, out var labelled)
            ? new ContainerPolicy(managed, labelled, tagProblem, tags)
            : new ContainerPolicy(managed, UpdateMode.Monitor, Join($"{PolicyLabels.Mode}='{label}' is not auto or monitor: treated as monitor", tagProblem), tags);
    }

    private static string Join(string problem, string? other) => other is null ? problem : $"{problem}; {other}";

    /// <summary>Parses a mode as users write it in labels and settings.</summary>
    public static bool TryParseMode(string? text, out UpdateMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                mode = UpdateMode.Auto;
                return true;
            case "monitor":
            case "monitor-only":
                mode = UpdateMode.Monitor;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
