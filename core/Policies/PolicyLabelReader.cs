using Dockward.Core.Policies.Labels;

namespace Dockward.Core.Policies;

/// <summary>
/// Reads a container's policy from its labels: Dockward's own (<see cref="PolicyLabels"/>) first, then
/// Watchtower's and What's Up Docker's for the settings Dockward's left open, so people can switch without
/// relabelling.
/// </summary>
internal static class PolicyLabelReader
{
    /// <summary>The compose project label: a compose project is a group unless <c>dockward.group</c> says otherwise.</summary>
    public const string ComposeProject = "com.docker.compose.project";

    public static LabelPolicy Read(IReadOnlyDictionary<string, string> labels)
    {
        var reading = new LabelReading(labels);
        DockwardLabels.Read(reading);
        WatchtowerLabels.Read(reading);
        WudLabels.Read(reading);

        var group = reading.TryGet(PolicyLabels.Group, out var named) ? named
            : reading.TryGet(ComposeProject, out var project) ? project
            : null;
        return new LabelPolicy(reading.Settings, reading.LabelOf, reading.Problems, group);
    }
}
