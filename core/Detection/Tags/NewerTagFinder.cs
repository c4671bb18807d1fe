namespace Dockward.Core.Detection.Tags;

/// <summary>
/// Picks the tag a container should move to from a registry's tag list. Pure: no I/O, never throws
/// on what a registry returns, and linear in the number of candidates.
/// </summary>
internal static class NewerTagFinder
{
    /// <summary>
    /// The highest candidate that reads as a version (see <see cref="TagVersion"/>, or the policy's
    /// version pattern) and that:
    /// <list type="bullet">
    /// <item>has the current tag's form: same prefix (<c>v</c> stays <c>v</c>, none stays none), same
    /// number of components, same variant (<c>1.2-alpine</c> → <c>1.3-alpine</c>, never <c>1.3</c> or <c>2</c>);</item>
    /// <item>ranks above the current tag;</item>
    /// <item>stays within the policy's level (Patch: same major.minor; Minor: same major; Major: any);</item>
    /// <item>is a release, unless the current tag is a pre-release or the policy allows pre-releases;</item>
    /// <item>matches the policy's Include pattern (when set) and not its Exclude pattern.</item>
    /// </list>
    /// Candidates of equal precedence (<c>1.2.4</c>, <c>1.2.4+b7</c>) resolve to the one without build
    /// metadata, then to the first in ordinal order, so the answer does not depend on the list's order.
    /// </summary>
    public static TagChoice Find(string currentTag, IEnumerable<string> candidates, TagPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(policy);

        if (!TryParse(currentTag, policy, out var current, out var reason))
        {
            return new TagChoice(null, $"{reason}: only its digest is watched");
        }

        var prereleasesAllowed = current.IsPreRelease || policy.AllowPrerelease;
        TagVersion? best = null;
        foreach (var tag in candidates)
        {
            // Cheap checks first; the user's patterns (with their timeouts) only for a tag that would win.
            if (!TryParse(tag, policy, out var candidate, out _)
                || !candidate.HasSameFormAs(current)
                || TagVersion.Compare(candidate, current) <= 0
                || !WithinLevel(candidate, current, policy.Level)
                || (candidate.IsPreRelease && !prereleasesAllowed)
                || (best is not null && !Beats(candidate, best))
                || !policy.Admits(tag))
            {
                continue;
            }

            best = candidate;
        }

        if (best is null)
        {
            var prereleases = prereleasesAllowed ? "" : ", releases only";
            return new TagChoice(
                null,
                $"no tag newer than '{current.Tag}' of the same form ({Form(current)}) within a {Describe(policy.Level)} update{prereleases}");
        }

        return new TagChoice(best.Tag, $"'{best.Tag}' is the highest tag newer than '{current.Tag}' within a {Describe(policy.Level)} update");
    }

    private static bool TryParse(string? tag, TagPolicy policy, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TagVersion? version, out string? reason) =>
        policy.VersionPattern is { } pattern
            ? TagVersion.TryParse(tag, pattern, out version, out reason)
            : TagVersion.TryParse(tag, out version, out reason);

    private static bool WithinLevel(TagVersion candidate, TagVersion current, UpdateLevel level) => level switch
    {
        UpdateLevel.Patch => candidate.Component(0) == current.Component(0) && candidate.Component(1) == current.Component(1),
        UpdateLevel.Minor => candidate.Component(0) == current.Component(0),
        _ => true,
    };

    private static bool Beats(TagVersion candidate, TagVersion best)
    {
        var order = TagVersion.Compare(candidate, best);
        if (order != 0)
        {
            return order > 0;
        }

        var candidateHasBuild = candidate.BuildMetadata.Length > 0;
        var bestHasBuild = best.BuildMetadata.Length > 0;
        return candidateHasBuild != bestHasBuild ? !candidateHasBuild : string.CompareOrdinal(candidate.Tag, best.Tag) < 0;
    }

    private static string Form(TagVersion version)
    {
        var prefix = version.Prefix.Length == 0 ? "no prefix" : $"prefix '{version.Prefix}'";
        var variant = version.Variant.Length == 0 ? "no suffix" : $"suffix '{version.Variant}'";
        return $"{prefix}, {version.Components.Count} components, {variant}";
    }

    private static string Describe(UpdateLevel level) => level.ToString().ToLowerInvariant();
}
