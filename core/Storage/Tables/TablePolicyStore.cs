using Azure;
using Azure.Data.Tables;
using Dockward.Core.Policies;

namespace Dockward.Core.Storage.Tables;

/// <summary>Policies set through the API: one partition per scope, keyed by the scope's key; settings as a JSON column.</summary>
internal sealed class TablePolicyStore(TableStorage storage) : IPolicyStore
{
    private const string TableName = "policies";

    public async Task<PolicyRecord?> GetAsync(PolicyScope scope, string key, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await TableStorage.FindAsync(table, scope.ToString(), RowKey(key), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<PolicyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        return await TableStorage.QueryAsync(table, null, Map, cancellationToken);
    }

    public async Task<PolicyRecord> SaveAsync(PolicyRecord record, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var etag = record.Version is null
            ? await TableStorage.AddAsync(table, ToEntity(record), cancellationToken)
            : await TableStorage.ReplaceAsync(table, ToEntity(record), record.Version, cancellationToken);
        return record with { Version = etag };
    }

    public async Task<bool> DeleteAsync(PolicyScope scope, string key, string? version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        try
        {
            var response = await table.DeleteEntityAsync(scope.ToString(), RowKey(key), version is null ? ETag.All : new ETag(version), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyConflictException($"The {scope} policy '{key}' changed since it was read.", e);
        }
    }

    // The global policy's key is empty, which Table Storage does not take as a row key.
    private static string RowKey(string key) => key.Length == 0 ? "-" : TableStorage.Key(key);

    private static TableEntity ToEntity(PolicyRecord r) => new(r.Scope.ToString(), RowKey(r.Key))
    {
        ["Key"] = r.Key,
        ["Settings"] = TableStorage.ToJson(r.Settings),
        ["Locked"] = r.Locked,
        ["UpdatedBy"] = r.UpdatedBy,
        ["UpdatedAt"] = r.UpdatedAt,
    };

    private static PolicyRecord Map(TableEntity e) => new(
        Enum.Parse<PolicyScope>(e.PartitionKey),
        e.GetString("Key") ?? "",
        TableStorage.FromJson(e.GetString("Settings"), PolicySettings.Empty),
        e.GetBoolean("Locked") ?? false,
        e.GetString("UpdatedBy") ?? "",
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
