namespace Dockward.Core.Detection.Images;

/// <summary>
/// The policy rule "take an image only once it is at least this old": a new release gets time to be pulled back or
/// fixed before it reaches these containers. Pure, so a scheduler can ask when to look again.
/// </summary>
internal static class ImageAge
{
    /// <summary>
    /// True when the image was created at least <paramref name="minimum"/> before <paramref name="now"/>. An unknown
    /// <paramref name="created"/> (the config has none, or Go's zero time) is never old enough: the rule cannot be
    /// shown to hold. A minimum of zero or less is no rule at all, so then any image is old enough.
    /// </summary>
    public static bool IsOldEnough(DateTimeOffset? created, TimeSpan minimum, DateTimeOffset now) =>
        minimum <= TimeSpan.Zero || OldEnoughAt(created, minimum) <= now;

    /// <summary>
    /// When the image becomes old enough: <paramref name="created"/> plus <paramref name="minimum"/> (at most
    /// <see cref="DateTimeOffset.MaxValue"/>); null when <paramref name="created"/> is unknown, as it never will be then.
    /// A creation date in the future (a builder's clock ahead) simply moves the time later.
    /// </summary>
    public static DateTimeOffset? OldEnoughAt(DateTimeOffset? created, TimeSpan minimum)
    {
        if (created?.ToUniversalTime() is not { } at)
        {
            return null;
        }

        if (minimum <= TimeSpan.Zero)
        {
            return at;
        }

        // Compared as a span, which always fits, so an absurd minimum never overflows the date.
        return minimum >= DateTimeOffset.MaxValue - at ? DateTimeOffset.MaxValue : at + minimum;
    }
}
