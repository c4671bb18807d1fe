using Dockward.Core.Containers.Stats;
using Dockward.Core.Detection;
using Dockward.Core.Events;
using Dockward.Core.Security;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Settings;

/// <summary>
/// The settings in effect: the stored ones, or, until an admin saves some, the configured options' values. Read
/// from the store each time, so a change on one instance applies on every instance at its next use.
/// </summary>
internal sealed class SystemSettings(
    ISettingsStore store,
    IOptions<DetectionOptions> detection,
    IOptions<SecurityOptions> security,
    IOptions<EventsOptions> events,
    IOptions<StatsOptions> stats)
{
    public SystemSettingsRecord Defaults => new(
        TimeSpan.FromSeconds(detection.Value.CheckIntervalSeconds),
        detection.Value.HistoryRetentionDays,
        security.Value.AuditRetentionDays,
        events.Value.RetentionMinutes,
        stats.Value.RetentionHours);

    public async Task<SystemSettingsRecord> GetAsync(CancellationToken cancellationToken) =>
        await store.GetAsync(cancellationToken) ?? Defaults;

    /// <summary>How long container stats samples are kept (for the stats history).</summary>
    public async Task<TimeSpan> StatsRetentionAsync(CancellationToken cancellationToken) =>
        TimeSpan.FromHours((await GetAsync(cancellationToken)).StatsRetentionHours);
}
