using Dockward.Core.Policies;

namespace Dockward.Core.Detection.Tags;

/// <summary>The limits a policy sets on the tags a container may move to, beyond its tag policy: the skip list and the pin.</summary>
internal static class TagLimits
{
    /// <summary>
    /// <paramref name="tags"/> without those on the skip list and, when the policy pins a version, those newer than
    /// it (a pin that is not a version of the same form as a candidate leaves that candidate out too: never wider).
    /// </summary>
    public static IEnumerable<string> Apply(IEnumerable<string> tags, EffectivePolicy policy)
    {
        TagVersion? pin = null;
        if (policy.Pin is { } pinned && policy.Tags is { } tagPolicy)
        {
            var parsed = tagPolicy.VersionPattern is { } pattern
                ? TagVersion.TryParse(pinned, pattern, out pin, out _)
                : TagVersion.TryParse(pinned, out pin, out _);
            if (!parsed)
            {
                return [];
            }
        }

        return tags.Where(tag => !policy.Skips(tag) && (pin is null || NotPast(tag, pin, policy.Tags!)));
    }

    /// <summary>The reference a container moves to on <paramref name="tag"/>, spelt as the user spelt the current one.</summary>
    public static string MoveTo(string current, ImageReference image, string tag) =>
        image.Tag is { } from && current.EndsWith(":" + from, StringComparison.Ordinal)
            ? current[..^from.Length] + tag
            : (image with { Tag = tag, Digest = null }).ToString();

    private static bool NotPast(string tag, TagVersion pin, TagPolicy policy)
    {
        var parsed = policy.VersionPattern is { } pattern
            ? TagVersion.TryParse(tag, pattern, out var version, out _)
            : TagVersion.TryParse(tag, out version, out _);
        return parsed && version!.HasSameFormAs(pin) && TagVersion.Compare(version, pin) <= 0;
    }
}
