using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Dockward.Core.Detection.Tags;

/// <summary>
/// An image tag read as a version: <c>[v|V]N[.N[.N[.N]]][-pre-release][-variant][+build]</c>, for example
/// <c>1.2</c>, <c>v1.2.3</c>, <c>2.0.0-rc.1</c>, <c>1.25-alpine3.19</c>, <c>3.1.4-beta2-slim</c>.
/// </summary>
/// <remarks>
/// <para>Numbers have no leading zeros (except <c>0</c> itself) and at most 18 digits.</para>
/// <para>
/// Semver (semver.org §9) lets a pre-release be any hyphenated text, but Docker tags use the same
/// hyphen for variants (<c>-alpine</c>, <c>-bookworm</c>, <c>-slim</c>). So the text after the first
/// <c>-</c> is split at hyphens, and its first segment is a pre-release only when it is a known
/// pre-release word followed by digits and dots: <c>alpha</c>, <c>beta</c>, <c>rc</c>, <c>pre</c>,
/// <c>preview</c>, <c>dev</c>, <c>snapshot</c>, <c>nightly</c>, <c>canary</c> (alone or with a number:
/// <c>rc</c>, <c>rc.1</c>, <c>beta2</c>), and <c>a</c>/<c>b</c> with a number (<c>a1</c>, <c>b2</c>).
/// Purely numeric segments right after it belong to it (<c>rc-1</c>). Everything after that is the
/// variant, which must start with a letter (so <c>2024-01-01</c> is not <c>2024</c> with a variant)
/// and is compared only for equality. <c>alpine3.19</c> and <c>bookworm</c> are variants: the word
/// is not a pre-release word.
/// </para>
/// <para>
/// Build metadata after <c>+</c> is kept but ignored for precedence (semver.org §10). Precedence
/// follows semver.org §11: numeric components first, then a release ranks above its pre-releases,
/// then pre-release identifiers one by one (numbers numerically, below words; words in ASCII order;
/// more identifiers rank higher). Unlike semver, identifiers are also split where letters meet
/// digits, so <c>beta10</c> ranks above <c>beta2</c> as people mean it.
/// </para>
/// <para>
/// Not versions: dates (<c>20240101</c>, <c>2024.01.01</c>, <c>2024-01-01</c>), commit hashes (7–40
/// hex characters, not all digits), and names (<c>latest</c>, <c>stable</c>, <c>main</c>) — unless
/// a <see cref="TagPolicy.VersionPattern"/> says how to read them (see <see cref="TryParse(string?, Regex, out TagVersion?, out string?)"/>).
/// </para>
/// </remarks>
internal sealed class TagVersion
{
    /// <summary>Docker's own limit on a tag's length; longer text is not a tag.</summary>
    public const int MaxTagLength = 128;

    private const int MaxComponents = 4;
    private const int MaxDigits = 18;

    // Longest first, so "preview" is tried before "pre".
    private static readonly string[] PreReleaseWords =
        ["snapshot", "preview", "nightly", "canary", "alpha", "beta", "pre", "dev", "rc", "a", "b"];

    private readonly long[] _components;
    private readonly string[] _preReleaseIdentifiers;

    private TagVersion(string tag, string prefix, long[] components, string preRelease, string variant, string build)
    {
        Tag = tag;
        Prefix = prefix;
        _components = components;
        PreRelease = preRelease;
        _preReleaseIdentifiers = SplitIdentifiers(preRelease);
        Variant = variant;
        BuildMetadata = build;
    }

    /// <summary>The tag as written.</summary>
    public string Tag { get; }

    /// <summary>
    /// The text before the numbers: <c>""</c>, <c>v</c> or <c>V</c> (with a version pattern, also the
    /// text before its <c>version</c> group). Part of the tag's form: it must match between tags.
    /// </summary>
    public string Prefix { get; }

    /// <summary>The numeric components, 1 to 4 of them.</summary>
    public IReadOnlyList<long> Components => _components;

    /// <summary>The pre-release as written (<c>rc.1</c>, <c>beta2</c>), or empty for a release.</summary>
    public string PreRelease { get; }

    /// <summary>True for a pre-release.</summary>
    public bool IsPreRelease => PreRelease.Length > 0;

    /// <summary>
    /// The variant (<c>alpine</c>, <c>alpine3.19</c>, <c>bookworm</c>), or empty. With a version pattern,
    /// also the text after its <c>version</c> group. Part of the tag's form.
    /// </summary>
    public string Variant { get; }

    /// <summary>Build metadata after <c>+</c>, or empty; ignored for precedence.</summary>
    public string BuildMetadata { get; }

    /// <summary>Reads <paramref name="tag"/> with the built-in grammar; <paramref name="reason"/> says why it is not a version.</summary>
    public static bool TryParse(string? tag, [NotNullWhen(true)] out TagVersion? version, [NotNullWhen(false)] out string? reason)
    {
        version = null;
        if (!IsTagShaped(tag, out reason))
        {
            return false;
        }

        if (LooksLikeCommitHash(tag))
        {
            reason = $"'{tag}' looks like a commit hash, not a version";
            return false;
        }

        var prefixLength = tag[0] is 'v' or 'V' ? 1 : 0;
        if (LooksLikeDate(tag.AsSpan(prefixLength)))
        {
            reason = $"'{tag}' looks like a date, not a version";
            return false;
        }

        if (!TryParseBody(tag.AsSpan(prefixLength), lenient: false, out var parts))
        {
            reason = $"'{tag}' is not a version";
            return false;
        }

        version = new TagVersion(tag, tag[..prefixLength], parts.Components, parts.PreRelease, parts.Variant, parts.Build);
        return true;
    }

    /// <summary>
    /// Reads <paramref name="tag"/> through a user pattern whose <c>version</c> group holds the version.
    /// Inside the group, digit runs may be separated by <c>.</c>, <c>-</c> or <c>_</c> and may have leading
    /// zeros, so <c>2024-01-05</c> reads as 2024.1.5; dates and hashes are the user's call here. The text
    /// around the group joins <see cref="Prefix"/> and <see cref="Variant"/>. A match that times out
    /// counts as no match.
    /// </summary>
    public static bool TryParse(string? tag, Regex versionPattern, [NotNullWhen(true)] out TagVersion? version, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(versionPattern);
        version = null;
        if (!IsTagShaped(tag, out reason))
        {
            return false;
        }

        Group group;
        try
        {
            group = versionPattern.Match(tag).Groups[TagPolicy.VersionGroup];
        }
        catch (RegexMatchTimeoutException)
        {
            reason = $"'{tag}' took too long to match the version pattern";
            return false;
        }

        if (!group.Success || group.Length == 0)
        {
            reason = $"'{tag}' does not match the version pattern";
            return false;
        }

        var text = tag.AsSpan(group.Index, group.Length);
        var prefixLength = text[0] is 'v' or 'V' ? 1 : 0;
        if (!TryParseBody(text[prefixLength..], lenient: true, out var parts))
        {
            reason = $"'{tag}': '{text}' matched by the version pattern is not a version";
            return false;
        }

        var prefix = tag[..(group.Index + prefixLength)];
        var after = tag[(group.Index + group.Length)..];
        var variant = parts.Variant.Length == 0 ? after : parts.Variant + "-" + after;
        version = new TagVersion(tag, prefix, parts.Components, parts.PreRelease, variant, parts.Build);
        return true;
    }

    /// <summary>
    /// Semver precedence (semver.org §11) of two versions; prefix, variant and build metadata play no part.
    /// Missing components count as 0. Negative when <paramref name="left"/> ranks lower.
    /// </summary>
    public static int Compare(TagVersion left, TagVersion right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        for (var i = 0; i < Math.Max(left._components.Length, right._components.Length); i++)
        {
            var order = left.Component(i).CompareTo(right.Component(i));
            if (order != 0)
            {
                return order;
            }
        }

        // §11.3: a release ranks above any of its pre-releases.
        if (left.IsPreRelease != right.IsPreRelease)
        {
            return left.IsPreRelease ? -1 : 1;
        }

        // §11.4: identifier by identifier; a longer list ranks higher when all before are equal.
        var l = left._preReleaseIdentifiers;
        var r = right._preReleaseIdentifiers;
        for (var i = 0; i < Math.Min(l.Length, r.Length); i++)
        {
            var order = CompareIdentifiers(l[i], r[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return l.Length.CompareTo(r.Length);
    }

    /// <summary>
    /// True when both tags have the same form: the same prefix, the same number of components and the
    /// same variant (<c>v1.2-alpine</c> and <c>v1.3-alpine</c>, but not <c>1.3-alpine</c>, <c>v1.3</c> or <c>v1.3.0-alpine</c>).
    /// </summary>
    public bool HasSameFormAs(TagVersion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _components.Length == other._components.Length
            && string.Equals(Prefix, other.Prefix, StringComparison.Ordinal)
            && string.Equals(Variant, other.Variant, StringComparison.Ordinal);
    }

    /// <summary>The component at <paramref name="index"/>, 0 when the tag has fewer.</summary>
    public long Component(int index) => index < _components.Length ? _components[index] : 0;

    public override string ToString() => Tag;

    private static bool IsTagShaped([NotNullWhen(true)] string? tag, [NotNullWhen(false)] out string? reason)
    {
        if (string.IsNullOrEmpty(tag))
        {
            reason = "an empty tag is not a version";
            return false;
        }

        if (tag.Length > MaxTagLength)
        {
            reason = $"a tag of {tag.Length} characters is not a version (tags have at most {MaxTagLength})";
            return false;
        }

        reason = null;
        return true;
    }

    private static bool LooksLikeCommitHash(string tag)
    {
        if (tag.Length is < 7 or > 40)
        {
            return false;
        }

        var allDigits = true;
        foreach (var c in tag)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }

            allDigits &= char.IsAsciiDigit(c);
        }

        return !allDigits;
    }

    // yyyyMMdd… or yyyy-MM-dd / yyyy.MM.dd / yyyy_MM_dd at the start, with a plausible year, month and day.
    // Calendar versions without zero padding (Home Assistant's 2024.1.0) stay versions: they order correctly.
    private static bool LooksLikeDate(ReadOnlySpan<char> text)
    {
        if (text.Length >= 8 && AllDigits(text[..8]))
        {
            return PlausibleDate(text[..4], text[4..6], text[6..8]);
        }

        return text.Length >= 10
            && text[4] is ('-' or '.' or '_')
            && text[7] == text[4]
            && AllDigits(text[..4]) && AllDigits(text[5..7]) && AllDigits(text[8..10])
            && PlausibleDate(text[..4], text[5..7], text[8..10]);
    }

    private static bool PlausibleDate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day)
    {
        var y = int.Parse(year);
        var m = int.Parse(month);
        var d = int.Parse(day);
        return y is >= 1970 and <= 2199 && m is >= 1 and <= 12 && d is >= 1 and <= 31;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Parts(long[] Components, string PreRelease, string Variant, string Build);

    // body := N(sep N){0,3} ['-' suffix] ['+' build]; sep is '.' (lenient: also '-' or '_' before a digit).
    private static bool TryParseBody(ReadOnlySpan<char> body, bool lenient, out Parts parts)
    {
        parts = default;
        var components = new List<long>(MaxComponents);
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
            }

            var digits = body[start..i];
            if (digits.Length is 0 or > MaxDigits || (!lenient && digits.Length > 1 && digits[0] == '0'))
            {
                return false;
            }

            components.Add(long.Parse(digits));
            if (components.Count > MaxComponents)
            {
                return false;
            }

            var isSeparator = i + 1 < body.Length && char.IsAsciiDigit(body[i + 1])
                && (body[i] == '.' || (lenient && body[i] is '-' or '_'));
            if (!isSeparator)
            {
                break;
            }

            i++;
        }

        var rest = body[i..];
        var plus = rest.IndexOf('+');
        var build = "";
        if (plus >= 0)
        {
            var metadata = rest[(plus + 1)..];
            if (!IsIdentifierText(metadata, allowHyphen: true))
            {
                return false;
            }

            build = metadata.ToString();
            rest = rest[..plus];
        }

        var preRelease = "";
        var variant = "";
        if (!rest.IsEmpty)
        {
            if (rest[0] != '-' || !TrySplitSuffix(rest[1..], out preRelease, out variant))
            {
                return false;
            }
        }

        parts = new Parts([.. components], preRelease, variant, build);
        return true;
    }

    private static bool TrySplitSuffix(ReadOnlySpan<char> suffix, out string preRelease, out string variant)
    {
        preRelease = "";
        variant = "";
        var segments = suffix.ToString().Split('-');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            {
                return false;
            }
        }

        var taken = 0;
        if (IsPreReleaseSegment(segments[0]))
        {
            taken = 1;
            while (taken < segments.Length && IsIdentifierText(segments[taken], allowHyphen: false) && AllDigitsOrDots(segments[taken]))
            {
                taken++;
            }

            preRelease = string.Join('-', segments[..taken]);
        }

        if (taken < segments.Length)
        {
            if (!char.IsAsciiLetter(segments[taken][0]))
            {
                return false;
            }

            variant = string.Join('-', segments[taken..]);
        }

        return true;
    }

    private static bool IsPreReleaseSegment(string segment)
    {
        foreach (var word in PreReleaseWords)
        {
            if (!segment.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = segment.AsSpan(word.Length);
            if (rest.IsEmpty)
            {
                // A bare "a" or "b" is too likely a variant to call it a pre-release.
                return word.Length > 1;
            }

            // "rc.1", "beta2", "alpha.1.2"; no empty identifiers ("rc..1", "rc.").
            var numbered = rest[0] == '.' ? rest[1..] : rest;
            return AllDigitsOrDots(numbered) && IsIdentifierText(numbered, allowHyphen: false) && char.IsAsciiDigit(numbered[0]);
        }

        return false;
    }

    private static bool AllDigitsOrDots(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    // Dot-separated, non-empty identifiers of [0-9A-Za-z] (and '-' where semver allows it).
    private static bool IsIdentifierText(ReadOnlySpan<char> text, bool allowHyphen)
    {
        if (text.IsEmpty || text[0] == '.' || text[^1] == '.' || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !(allowHyphen && c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    // "rc.1" → [rc, 1]; "beta10" → [beta, 10]; "rc-1" → [rc, 1]. Lower-cased: "RC1" and "rc1" rank alike.
    private static string[] SplitIdentifiers(string preRelease)
    {
        if (preRelease.Length == 0)
        {
            return [];
        }

        var identifiers = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in preRelease)
        {
            var separator = c is '.' or '-' or '_';
            if (current.Length > 0 && (separator || char.IsAsciiDigit(c) != char.IsAsciiDigit(current[^1])))
            {
                identifiers.Add(current.ToString().ToLowerInvariant());
                current.Clear();
            }

            if (!separator)
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            identifiers.Add(current.ToString().ToLowerInvariant());
        }

        return [.. identifiers];
    }

    private static int CompareIdentifiers(string left, string right)
    {
        var leftNumeric = AllDigits(left);
        var rightNumeric = AllDigits(right);
        if (leftNumeric && rightNumeric)
        {
            // Compared as text so no number is too long to rank.
            var l = left.TrimStart('0');
            var r = right.TrimStart('0');
            return l.Length != r.Length ? l.Length.CompareTo(r.Length) : string.CompareOrdinal(l, r);
        }

        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return string.CompareOrdinal(left, right);
    }
}
