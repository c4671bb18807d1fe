namespace Dockward.Core.Settings;

/// <summary>The system settings an admin changes at run time; until first saved, the configured options' values.</summary>
/// <param name="CheckInterval">How often an image is checked when its policy does not say (the registry scan's default).</param>
/// <param name="HistoryRetentionDays">Check history older than this is pruned.</param>
/// <param name="AuditRetentionDays">Audit entries older than this are pruned.</param>
/// <param name="EventRetentionMinutes">Live events older than this are pruned; a resuming client gets at most this window.</param>
/// <param name="StatsRetentionHours">Container stats samples older than this are dropped.</param>
/// <param name="UpdatedBy">Who saved them last; null while not stored.</param>
/// <param name="Version">Concurrency token of the stored record; null while not stored.</param>
internal sealed record SystemSettingsRecord(
    TimeSpan CheckInterval,
    int HistoryRetentionDays,
    int AuditRetentionDays,
    int EventRetentionMinutes,
    int StatsRetentionHours,
    string? UpdatedBy = null,
    DateTimeOffset? UpdatedAt = null,
    string? Version = null);
