namespace Dockward.Core.Settings;

/// <summary>The body of <c>PUT /api/settings</c>: the settings to change (the others keep their value) and the version read.</summary>
/// <param name="CheckInterval">A duration such as <c>5m</c> or <c>1h</c>, at least a minute and at most a day.</param>
/// <param name="Version">The version read with <c>GET /api/settings</c>; null only while no settings are stored.</param>
internal sealed record SettingsChange(
    string? CheckInterval = null,
    int? HistoryRetentionDays = null,
    int? AuditRetentionDays = null,
    int? EventRetentionMinutes = null,
    int? StatsRetentionHours = null,
    string? Version = null);
