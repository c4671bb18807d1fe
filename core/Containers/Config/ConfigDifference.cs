namespace Dockward.Core.Containers.Config;

/// <summary>One thing a configuration edit changes, as a person reads it.</summary>
/// <param name="Part"><c>env</c>, <c>ports</c>, <c>mounts</c>, <c>labels</c> or <c>restartPolicy</c>.</param>
/// <param name="Key">The variable, label, port (<c>8080/tcp</c>), mount destination, or <c>restartPolicy</c>.</param>
/// <param name="Before">What it is now; null when it is not set (or not known: an agent that does not report details).</param>
/// <param name="After">What it becomes; null when the edit removes it.</param>
internal sealed record ConfigDifference(string Part, string Key, string? Before, string? After);
