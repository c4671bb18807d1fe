using Dockward.Core.Detection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Policies;

/// <summary>Works out a container's effective policy from its labels and the global settings.</summary>
public sealed class PolicyResolver(IOptions<DetectionOptions> detection, IOptions<PolicyOptions> policy)
{
    public ContainerPolicy Resolve(IReadOnlyDictionary<string, string> labels)
    {
        var managed = labels.TryGetValue(PolicyLabels.Enable, out var enable)
            ? string.Equals(enable.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            : detection.Value.ManageAllContainers;

        var mode = labels.TryGetValue(PolicyLabels.Mode, out var label) && TryParseMode(label, out var labelled)
            ? labelled
            : policy.Value.DefaultMode;

        return new ContainerPolicy(managed, mode);
    }

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
