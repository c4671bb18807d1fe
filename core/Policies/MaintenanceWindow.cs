using System.Text.Json.Serialization;
using Cronos;

namespace Dockward.Core.Policies;

/// <summary>
/// A recurring time when updates may run: it opens at each occurrence of <see cref="Cron"/> (five fields,
/// minute first, in <see cref="TimeZone"/>) and stays open for <see cref="Length"/>. Built only through
/// <see cref="TryCreate"/>, so every window in memory is valid.
/// </summary>
[JsonConverter(typeof(MaintenanceWindowJsonConverter))]
internal sealed record MaintenanceWindow
{
    private static readonly TimeSpan MinLength = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxLength = TimeSpan.FromDays(7);

    private MaintenanceWindow(string cron, TimeSpan length, string timeZone)
    {
        Cron = cron;
        Length = length;
        TimeZone = timeZone;
    }

    /// <summary>When the window opens: a standard five-field cron expression (<c>0 2 * * 1-5</c>).</summary>
    public string Cron { get; }

    /// <summary>How long it stays open.</summary>
    public TimeSpan Length { get; }

    /// <summary>IANA time zone the cron expression is read in (<c>Asia/Shanghai</c>); <c>UTC</c> by default.</summary>
    public string TimeZone { get; }

    private CronExpression Expression => field ??= CronExpression.Parse(Cron);

    private TimeZoneInfo Zone => field ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>A window from its parts, or an error naming what is wrong.</summary>
    public static bool TryCreate(string? cron, TimeSpan length, string? timeZone, out MaintenanceWindow? window, out string? error)
    {
        window = null;
        if (string.IsNullOrWhiteSpace(cron) || cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            error = $"window cron '{cron}' needs five fields, minute first (e.g. '0 2 * * *' for 02:00 every day)";
            return false;
        }

        var normalized = string.Join(' ', cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        try
        {
            CronExpression.Parse(normalized);
        }
        catch (CronFormatException e)
        {
            error = $"window cron '{cron}' is not valid: {e.Message}";
            return false;
        }

        if (length < MinLength || length > MaxLength)
        {
            error = $"window length {Duration.Format(length)} is not between {Duration.Format(MinLength)} and {Duration.Format(MaxLength)}";
            return false;
        }

        var zone = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            error = $"window time zone '{timeZone}' is not a known IANA time zone (e.g. 'UTC', 'Asia/Shanghai', 'Europe/Berlin')";
            return false;
        }

        window = new MaintenanceWindow(normalized, length, zone);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads the text form <c>&lt;cron&gt; for &lt;length&gt; [in &lt;time zone&gt;]</c>, e.g.
    /// <c>0 2 * * 1-5 for 2h in Asia/Shanghai</c>, as labels write it.
    /// </summary>
    public static bool TryParse(string? text, out MaintenanceWindow? window, out string? error)
    {
        window = null;
        var parts = (text ?? "").Split(" for ", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            error = $"window '{text}' is not '<cron> for <length> [in <time zone>]', e.g. '0 2 * * * for 2h in Asia/Shanghai'";
            return false;
        }

        var rest = parts[1].Split(" in ", 2, StringSplitOptions.TrimEntries);
        if (!Duration.TryParse(rest[0], out var length, out error))
        {
            error = $"window '{text}': {error}";
            return false;
        }

        return TryCreate(parts[0], length, rest.Length == 2 ? rest[1] : null, out window, out error);
    }

    /// <summary>
    /// Whether the window is open at <paramref name="now"/>: an opening within the last <see cref="Length"/>.
    /// Returns that opening and when it closes (a later opening may keep the window open longer).
    /// </summary>
    public (DateTimeOffset Opened, DateTimeOffset Closes)? OpenAt(DateTimeOffset now) =>
        Expression.GetNextOccurrence(now - Length, Zone, inclusive: false) is { } opened && opened <= now
            ? (opened, opened + Length)
            : null;

    /// <summary>When the window is next open at or after <paramref name="now"/>; null when the expression never fires again.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now) =>
        OpenAt(now) is not null ? now : Expression.GetNextOccurrence(now, Zone, inclusive: false);

    /// <summary>The text form <see cref="TryParse"/> reads.</summary>
    public override string ToString() => $"{Cron} for {Duration.Format(Length)} in {TimeZone}";
}
