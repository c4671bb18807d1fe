using Dockward.Core.Policies;
using Dockward.Core.Settings;

namespace Dockward.Functions.SystemApi;

/// <summary>
/// The settings as <c>/api/settings</c> shows them. <c>version</c> is null while none are stored (the values are then
/// the configured defaults); global policy defaults are at <see cref="GlobalPolicy"/>.
/// </summary>
internal sealed record SettingsView(
    string CheckInterval,
    int HistoryRetentionDays,
    int AuditRetentionDays,
    int EventRetentionMinutes,
    int StatsRetentionHours,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt,
    string? Version,
    string GlobalPolicy)
{
    public static SettingsView Of(SystemSettingsRecord s) => new(
        Duration.Format(s.CheckInterval), s.HistoryRetentionDays, s.AuditRetentionDays, s.EventRetentionMinutes, s.StatsRetentionHours,
        s.UpdatedBy, s.UpdatedAt, s.Version, "/api/policies/global");
}
