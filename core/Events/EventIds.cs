using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Dockward.Core.Events;

/// <summary>
/// Event ids that sort by time across instances: 19 digits of UTC ticks, a dash, 12 random hex digits (two events
/// of one tick from two instances still get distinct ids).
/// </summary>
internal static class EventIds
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string New(DateTimeOffset at) =>
        $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    /// <summary>The time an id was made at, or null when <paramref name="id"/> is not one of ours.</summary>
    public static DateTimeOffset? TimeOf(string? id)
    {
        if (id is not { Length: 32 } || id[19] != '-' || id.AsSpan(20).ContainsAnyExcept(LowerHex))
        {
            return null;
        }

        return long.TryParse(id.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
    }

    /// <summary>The time of an id or of a <see cref="Floor"/>, or null when <paramref name="key"/> is neither.</summary>
    public static DateTimeOffset? TimeOfKey(string? key) =>
        key is { Length: 19 } && !key.AsSpan().ContainsAnyExceptInRange('0', '9')
            ? TimeOf($"{key}-000000000000")
            : TimeOf(key);

    /// <summary>A row key just below every id made at <paramref name="at"/> or later.</summary>
    public static string Floor(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
