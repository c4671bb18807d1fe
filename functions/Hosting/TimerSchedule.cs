using NCrontab;

namespace Dockward.Functions.Hosting;

/// <summary>
/// An NCRONTAB schedule with six fields, seconds first, as Azure Functions writes them
/// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), evaluated in UTC.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule schedule;

    private TimerSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    public string Expression { get; }

    /// <summary>Parses the schedule under <paramref name="key"/>; a bad one fails with a message naming the key.</summary>
    public static TimerSchedule Parse(string key, string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new HostConfigurationException($"{key} is not set: a timer function needs an NCRONTAB schedule such as \"0 */5 * * * *\" (in host.json \"timers\", or env DOCKWARD_{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}).");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new HostConfigurationException($"{key} = \"{expression}\" has {fields.Length} fields; an NCRONTAB schedule has 6, seconds first: \"{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}\", e.g. \"0 */5 * * * *\".");
        }

        var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return parsed is null
            ? throw new HostConfigurationException($"{key} = \"{expression}\" is not a valid NCRONTAB schedule (6 fields, seconds first, e.g. \"0 */5 * * * *\").")
            : new TimerSchedule(expression, parsed);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));
}
