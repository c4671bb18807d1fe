namespace Dockward.Core.Policies.Labels;

/// <summary>
/// What's Up Docker's container labels, so containers labelled for WUD need no relabelling. Only settings no
/// <c>dockward.*</c> (or Watchtower) label gave are taken from them. WUD compares semver tags and offers any
/// newer one, so its tag filters mean "newer tags up to major" unless <c>dockward.tag</c> says otherwise.
/// </summary>
internal static class WudLabels
{
    /// <summary><c>true</c> watches the container, <c>false</c> leaves it alone.</summary>
    public const string Watch = "wud.watch";

    /// <summary>A regular expression a newer tag must match.</summary>
    public const string TagInclude = "wud.tag.include";

    /// <summary>A regular expression no newer tag may match.</summary>
    public const string TagExclude = "wud.tag.exclude";

    /// <summary><c>true</c>: watch new digests of the container's own tag.</summary>
    public const string WatchDigest = "wud.watch.digest";

    public static void Read(LabelReading r)
    {
        r.Enable(Watch);

        string? filter = null;
        if (!r.Gives("tagInclude") && r.TryGet(TagInclude, out var include))
        {
            r.Set("tagInclude", TagInclude, s => s with { TagInclude = include });
            filter = TagInclude;
        }

        if (!r.Gives("tagExclude") && r.TryGet(TagExclude, out var exclude))
        {
            r.Set("tagExclude", TagExclude, s => s with { TagExclude = exclude });
            filter ??= TagExclude;
        }

        if (r.Gives("track"))
        {
            return;
        }

        if (filter is not null)
        {
            r.Set("track", filter, s => s with { Track = TagTrack.Major });
        }
        else if (r.Has(WatchDigest, out var digest) && string.Equals(digest, "true", StringComparison.OrdinalIgnoreCase))
        {
            r.Set("track", WatchDigest, s => s with { Track = TagTrack.Digest });
        }
    }
}
