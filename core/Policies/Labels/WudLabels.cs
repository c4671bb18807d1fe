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
        if (!r.Gives("enabled") && r.Has(Watch, out var watch))
        {
            var enabled = string.Equals(watch, "true", StringComparison.OrdinalIgnoreCase);
            if (!enabled && !string.Equals(watch, "false", StringComparison.OrdinalIgnoreCase))
            {
                r.Problem(Watch, watch, "is not true or false", "the container is not managed");
            }

            r.Set("enabled", Watch, s => s with { Enabled = enabled });
        }

        var filtered = false;
        if (!r.Gives("tagInclude") && r.TryGet(TagInclude, out var include))
        {
            r.Set("tagInclude", TagInclude, s => s with { TagInclude = include });
            filtered = true;
        }

        if (!r.Gives("tagExclude") && r.TryGet(TagExclude, out var exclude))
        {
            r.Set("tagExclude", TagExclude, s => s with { TagExclude = exclude });
            filtered = true;
        }

        if (r.Gives("track"))
        {
            return;
        }

        if (filtered)
        {
            r.Set("track", r.LabelOf.GetValueOrDefault("tagInclude") == TagInclude ? TagInclude : TagExclude, s => s with { Track = TagTrack.Major });
        }
        else if (r.Has(WatchDigest, out var digest) && string.Equals(digest, "true", StringComparison.OrdinalIgnoreCase))
        {
            r.Set("track", WatchDigest, s => s with { Track = TagTrack.Digest });
        }
    }
}
