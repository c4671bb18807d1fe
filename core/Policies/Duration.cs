using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dockward.Core.Policies;

/// <summary>
/// Durations as people write them in labels and the API: a number and a unit, several pieces allowed
/// (<c>90s</c>, <c>30m</c>, <c>1h30m</c>, <c>7d</c>, <c>2w</c>).
/// </summary>
internal static partial class Duration
{
    /// <summary>The longest duration any policy setting takes (a year), so sums cannot overflow.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim().ToLowerInvariant() ?? "";
        if (trimmed.Length is 0 or > 40 || !Whole().IsMatch(trimmed))
        {
            error = $"'{text}' is not a duration such as 90s, 30m, 1h30m, 7d or 2w";
            return false;
        }

        foreach (Match piece in Piece().Matches(trimmed))
        {
            if (!long.TryParse(piece.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                error = $"'{text}' is too long a duration";
                return false;
            }

            value += piece.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };

            // Checked piece by piece: a long enough sum of pieces would overflow TimeSpan itself.
            if (value > Max)
            {
                error = $"'{text}' is longer than {Format(Max)}";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as <paramref name="value"/> (whole seconds).</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var left = (long)value.TotalSeconds;
        foreach (var (unit, seconds) in new[] { ("d", 86_400L), ("h", 3_600L), ("m", 60L), ("s", 1L) })
        {
            if (left >= seconds)
            {
                text.Append(CultureInfo.InvariantCulture, $"{left / seconds}{unit}");
                left %= seconds;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^(\d+[smhdw])+$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<n>\d+)(?<unit>[smhdw])", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Piece();
}
