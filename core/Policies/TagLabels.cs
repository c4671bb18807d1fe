using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Policies;

/// <summary>
/// Reads a container's newer-tag policy from its labels. Without <see cref="PolicyLabels.Tag"/> (or with
/// <c>digest</c>) only the digest of the container's own tag is watched.
/// </summary>
internal static class TagLabels
{
    /// <summary>
    /// The policy the labels ask for; null for digest-only watching. A label that cannot be read gives
    /// null (never a wider policy than the owner wrote) and a problem naming the label.
    /// </summary>
    public static (TagPolicy? Policy, string? Problem) Read(IReadOnlyDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(PolicyLabels.Tag, out var levelText) || levelText.Trim().Equals("digest", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        UpdateLevel? level = levelText.Trim().ToLowerInvariant() switch
        {
            "patch" => UpdateLevel.Patch,
            "minor" => UpdateLevel.Minor,
            "major" => UpdateLevel.Major,
            _ => null,
        };
        if (level is null)
        {
            return (null, $"{PolicyLabels.Tag}='{levelText}' is not digest, patch, minor or major: only the digest is watched");
        }

        var prerelease = false;
        if (labels.TryGetValue(PolicyLabels.TagPrerelease, out var prereleaseText) && !bool.TryParse(prereleaseText.Trim(), out prerelease))
        {
            return (null, $"{PolicyLabels.TagPrerelease}='{prereleaseText}' is not true or false: only the digest is watched");
        }

        var result = TagPolicy.Create(
            level.Value,
            prerelease,
            labels.GetValueOrDefault(PolicyLabels.TagInclude),
            labels.GetValueOrDefault(PolicyLabels.TagExclude),
            labels.GetValueOrDefault(PolicyLabels.TagPattern));
        return result.IsValid ? (result.Policy, null) : (null, $"{result.Error}: only the digest is watched");
    }
}
