namespace Dockward.Core.Policies;

/// <summary>Reads a container's policy labels (<see cref="PolicyLabels"/>).</summary>
internal static class PolicyLabelReader
{
    /// <summary>The compose project label: a compose project is a group unless <c>dockward.group</c> says otherwise.</summary>
    public const string ComposeProject = "com.docker.compose.project";

    public static LabelPolicy Read(IReadOnlyDictionary<string, string> labels)
    {
        var settings = PolicySettings.Empty;
        var labelOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();

        if (labels.TryGetValue(PolicyLabels.Enable, out var enable))
        {
            settings = settings with { Enabled = string.Equals(enable.Trim(), "true", StringComparison.OrdinalIgnoreCase) };
            labelOf["enabled"] = PolicyLabels.Enable;
        }

        if (labels.TryGetValue(PolicyLabels.Mode, out var mode))
        {
            // A mistyped mode must not update a container its owner meant to protect: the safe reading is monitor.
            if (!PolicyResolver.TryParseMode(mode, out var parsed))
            {
                problems.Add($"{PolicyLabels.Mode}='{mode}' is not auto, scheduled, manual or monitor: treated as monitor");
                parsed = UpdateMode.Monitor;
            }

            settings = settings with { Mode = parsed };
            labelOf["mode"] = PolicyLabels.Mode;
        }

        if (labels.TryGetValue(PolicyLabels.Tag, out var track))
        {
            TagTrack? parsed = track.Trim().ToLowerInvariant() switch
            {
                "digest" => TagTrack.Digest,
                "patch" => TagTrack.Patch,
                "minor" => TagTrack.Minor,
                "major" => TagTrack.Major,
                _ => null,
            };
            if (parsed is null)
            {
                problems.Add($"{PolicyLabels.Tag}='{track}' is not digest, patch, minor or major: only the digest is watched");
            }

            settings = settings with { Track = parsed ?? TagTrack.Digest };
            labelOf["track"] = PolicyLabels.Tag;
        }

        if (labels.TryGetValue(PolicyLabels.TagPrerelease, out var prerelease))
        {
            if (bool.TryParse(prerelease.Trim(), out var allow))
            {
                settings = settings with { Prerelease = allow };
                labelOf["prerelease"] = PolicyLabels.TagPrerelease;
            }
            else
            {
                problems.Add($"{PolicyLabels.TagPrerelease}='{prerelease}' is not true or false: only the digest is watched");
                settings = settings with { Track = TagTrack.Digest };
                labelOf["track"] = PolicyLabels.TagPrerelease;
            }
        }

        settings = Text(labels, PolicyLabels.TagInclude, "tagInclude", labelOf, settings, (s, v) => s with { TagInclude = v });
        settings = Text(labels, PolicyLabels.TagExclude, "tagExclude", labelOf, settings, (s, v) => s with { TagExclude = v });
        settings = Text(labels, PolicyLabels.TagPattern, "tagPattern", labelOf, settings, (s, v) => s with { TagPattern = v });

        var group = labels.TryGetValue(PolicyLabels.Group, out var named) && !string.IsNullOrWhiteSpace(named) ? named.Trim()
            : labels.TryGetValue(ComposeProject, out var project) && !string.IsNullOrWhiteSpace(project) ? project.Trim()
            : null;
        return new LabelPolicy(settings, labelOf, problems, group);
    }

    private static PolicySettings Text(
        IReadOnlyDictionary<string, string> labels, string label, string setting, Dictionary<string, string> labelOf,
        PolicySettings settings, Func<PolicySettings, string, PolicySettings> set)
    {
        if (!labels.TryGetValue(label, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return settings;
        }

        labelOf[setting] = label;
        return set(settings, value);
    }
}
