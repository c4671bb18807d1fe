using System.Text.RegularExpressions;

namespace Dockward.Core.Detection.Tags;

/// <summary>
/// Which newer tags a container may move to. Built only through <see cref="Create"/>, so every
/// regular expression has a match timeout: patterns come from users and tag lists from registries.
/// </summary>
internal sealed record TagPolicy
{
    /// <summary>How long one regular-expression match may run before it counts as failed.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The name of the group a <see cref="VersionPattern"/> must have.</summary>
    public const string VersionGroup = "version";

    private const int MaxPatternLength = 1000;

    private TagPolicy()
    {
    }

    /// <summary>How far from the current version a candidate may be.</summary>
    public UpdateLevel Level { get; init; }

    /// <summary>Whether pre-releases are candidates even when the current tag is a release.</summary>
    public bool AllowPrerelease { get; init; }

    /// <summary>When set, only candidates it matches (anywhere in the tag) are considered.</summary>
    public Regex? Include { get; init; }

    /// <summary>When set, candidates it matches are never considered.</summary>
    public Regex? Exclude { get; init; }

    /// <summary>
    /// When set, replaces the built-in version grammar: its <c>version</c> group is the version
    /// (digit runs separated by <c>.</c>, <c>-</c> or <c>_</c>, leading zeros and dates allowed),
    /// and the text around the group must be the same in the current tag and a candidate.
    /// Example: <c>^release-(?&lt;version&gt;\d+\.\d+)$</c>.
    /// </summary>
    public Regex? VersionPattern { get; init; }

    /// <summary>
    /// Builds a policy from user settings. Empty patterns mean "not set". An invalid pattern, or a
    /// version pattern without a <c>version</c> group, gives an error naming the setting; it never throws.
    /// </summary>
    public static TagPolicyResult Create(
        UpdateLevel level,
        bool allowPrerelease = false,
        string? include = null,
        string? exclude = null,
        string? versionPattern = null)
    {
        if (!Enum.IsDefined(level))
        {
            return new TagPolicyResult(null, $"Update level {(int)level} is not one of Patch, Minor, Major");
        }

        if (!TryBuild("Include", include, out var includeRegex, out var error)
            || !TryBuild("Exclude", exclude, out var excludeRegex, out error)
            || !TryBuild("Version pattern", versionPattern, out var versionRegex, out error))
        {
            return new TagPolicyResult(null, error);
        }

        if (versionRegex is not null && !versionRegex.GetGroupNames().Contains(VersionGroup, StringComparer.Ordinal))
        {
            return new TagPolicyResult(null, $"Version pattern '{versionPattern}' has no named group '{VersionGroup}', e.g. ^release-(?<version>\\d+\\.\\d+)$");
        }

        return new TagPolicyResult(
            new TagPolicy
            {
                Level = level,
                AllowPrerelease = allowPrerelease,
                Include = includeRegex,
                Exclude = excludeRegex,
                VersionPattern = versionRegex,
            },
            null);
    }

    /// <summary>True when <see cref="Include"/> and <see cref="Exclude"/> let <paramref name="tag"/> through.</summary>
    /// <remarks>
    /// A match that times out leaves the tag out whichever pattern it was: a tag is never chosen on a
    /// check that did not finish.
    /// </remarks>
    public bool Admits(string tag)
    {
        try
        {
            return (Include is null || Include.IsMatch(tag)) && (Exclude is null || !Exclude.IsMatch(tag));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool TryBuild(string setting, string? pattern, out Regex? regex, out string? error)
    {
        regex = null;
        error = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return true;
        }

        if (pattern.Length > MaxPatternLength)
        {
            error = $"{setting} pattern is longer than {MaxPatternLength} characters";
            return false;
        }

        try
        {
            // Patterns come from container labels and run over every tag a registry lists: the non-backtracking
            // engine keeps each match linear in the tag's length, so no pattern can tie up the control plane.
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: a lookaround, backreference or atomic group, which the linear engine cannot run.
            error = $"{setting} pattern '{pattern}' is not a valid regular expression: {ex.Message}";
            return false;
        }
    }
}
