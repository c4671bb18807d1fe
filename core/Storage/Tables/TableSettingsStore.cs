using Azure.Data.Tables;
using Dockward.Core.Settings;

namespace Dockward.Core.Storage.Tables;

/// <summary>The system settings as one row.</summary>
internal sealed class TableSettingsStore(TableStorage storage) : ISettingsStore
{
    private const string TableName = "settings";
    private const string Partition = "system";
    private const string Row = "current";

    public async Task<SystemSettingsRecord?> GetAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        return await TableStorage.FindAsync(table, Partition, Row, cancellationToken) is { } e ? Map(e) : null;
    }

    public async Task<SystemSettingsRecord> SaveAsync(SystemSettingsRecord settings, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = new TableEntity(Partition, Row)
        {
            ["CheckIntervalSeconds"] = (long)settings.CheckInterval.TotalSeconds,
            ["HistoryRetentionDays"] = settings.HistoryRetentionDays,
            ["AuditRetentionDays"] = settings.AuditRetentionDays,
            ["EventRetentionMinutes"] = settings.EventRetentionMinutes,
            ["StatsRetentionHours"] = settings.StatsRetentionHours,
            ["UpdatedBy"] = settings.UpdatedBy,
            ["UpdatedAt"] = settings.UpdatedAt,
        };
        var etag = settings.Version is null
            ? await TableStorage.AddAsync(table, entity, cancellationToken)
            : await TableStorage.ReplaceAsync(table, entity, settings.Version, cancellationToken);
        return settings with { Version = etag };
    }

    private static SystemSettingsRecord Map(TableEntity e) => new(
        TimeSpan.FromSeconds(e.GetInt64("CheckIntervalSeconds") ?? 300),
        e.GetInt32("HistoryRetentionDays") ?? 30,
        e.GetInt32("AuditRetentionDays") ?? 90,
        e.GetInt32("EventRetentionMinutes") ?? 60,
        e.GetInt32("StatsRetentionHours") ?? 24,
        e.GetString("UpdatedBy"),
        e.GetDateTimeOffset("UpdatedAt"),
        e.ETag.ToString());
}
