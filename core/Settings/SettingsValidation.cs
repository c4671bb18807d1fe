using Dockward.Core.Policies;

namespace Dockward.Core.Settings;

/// <summary>Applies a <see cref="SettingsChange"/> to the current settings, naming every setting out of its limits.</summary>
internal static class SettingsValidation
{
    public static readonly TimeSpan MinCheckInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxCheckInterval = TimeSpan.FromDays(1);

    public static (SystemSettingsRecord? Settings, IReadOnlyList<SettingsError> Errors) Apply(SystemSettingsRecord current, SettingsChange change)
    {
        var errors = new List<SettingsError>();
        var interval = current.CheckInterval;
        if (change.CheckInterval is { } text)
        {
            if (!Duration.TryParse(text, out interval, out var error))
            {
                errors.Add(new("checkInterval", $"checkInterval: {error}."));
            }
            else if (interval < MinCheckInterval || interval > MaxCheckInterval)
            {
                errors.Add(new("checkInterval", "checkInterval must be from 1m to 1d."));
            }
        }

        var settings = current with
        {
            CheckInterval = interval,
            HistoryRetentionDays = Within(change.HistoryRetentionDays, current.HistoryRetentionDays, "historyRetentionDays", 30, 3650, errors),
            AuditRetentionDays = Within(change.AuditRetentionDays, current.AuditRetentionDays, "auditRetentionDays", 30, 3650, errors),
            EventRetentionMinutes = Within(change.EventRetentionMinutes, current.EventRetentionMinutes, "eventRetentionMinutes", 5, 1440, errors),
            StatsRetentionHours = Within(change.StatsRetentionHours, current.StatsRetentionHours, "statsRetentionHours", 1, 168, errors),
        };
        return errors.Count > 0 ? (null, errors) : (settings, errors);
    }

    private static int Within(int? value, int current, string name, int min, int max, List<SettingsError> errors)
    {
        if (value is not { } given)
        {
            return current;
        }

        if (given < min || given > max)
        {
            errors.Add(new(name, $"{name} must be from {min} to {max}."));
        }

        return given;
    }
}
