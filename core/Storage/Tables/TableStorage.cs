using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Storage.Tables;

/// <summary>The table service client and the tables of this installation, each created once on first use.</summary>
internal sealed class TableStorage
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Entity group transactions hold at most 100 operations, all in one partition.
    private const int BatchSize = 100;

    private readonly TableServiceClient service;
    private readonly string prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new();

    public TableStorage(IOptions<StorageOptions> options)
    {
        var settings = options.Value;
        var clientOptions = new TableClientOptions();
        // Calls leave the process: bound them, and let the caller's token cancel sooner.
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        clientOptions.Retry.MaxRetries = 2;
        service = new TableServiceClient(settings.ConnectionString, clientOptions);
        prefix = settings.TablePrefix;
    }

    internal TableServiceClient Service => service;

    /// <summary>The table named <paramref name="name"/> under this installation's prefix, created if missing.</summary>
    internal Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        // Created once for every caller, so no single caller's token may cancel it (the client's network timeout bounds it).
        var lazy = tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(prefix + n, CancellationToken.None)));
        var task = lazy.Value.WaitAsync(cancellationToken);
        if (lazy.Value.IsFaulted)
        {
            // A failed creation (store down at the time) must not poison the table for the life of the process.
            tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        }

        return task;
    }

    private async Task<TableClient> CreateAsync(string tableName, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }

    internal static async Task<IReadOnlyList<T>> QueryAsync<T>(
        TableClient table, string? filter, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            results.Add(map(entity));
        }

        return results;
    }

    /// <summary>The first <paramref name="take"/> matches in the table's order; no further page is read once they are gathered.</summary>
    internal static async Task<IReadOnlyList<T>> TakeAsync<T>(
        TableClient table, string? filter, int take, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var results = new List<T>(take);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken))
        {
            results.Add(map(entity));
            if (results.Count >= take)
            {
                break;
            }
        }

        return results;
    }

    internal static async Task<TableEntity?> FindAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        if (row.Length > MaxKeyLength || partition.Length > MaxKeyLength)
        {
            // Keys come from URLs: one the service could never have stored is simply not there (the service would answer 400).
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Table Storage's limit for a partition or row key: 1 KiB (512 UTF-16 characters).</summary>
    private const int MaxKeyLength = 512;

    /// <summary>Inserts; a 409 (the key exists) becomes a <see cref="ConcurrencyConflictException"/>.</summary>
    internal static async Task<string> AddAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConcurrencyConflictException($"{table.Name} {entity.PartitionKey}/{entity.RowKey} already exists.", e);
        }
    }

    /// <summary>Replaces if the ETag still matches; a 412 (changed since read) or 404 becomes a <see cref="ConcurrencyConflictException"/>.</summary>
    internal static async Task<string> ReplaceAsync(TableClient table, TableEntity entity, string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version))
        {
            throw new ArgumentException("An update needs the version it was read at.", nameof(version));
        }

        try
        {
            var response = await table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException($"{table.Name} {entity.PartitionKey}/{entity.RowKey} changed since it was read.", e);
        }
    }

    /// <summary>
    /// Deletes the rows matching <paramref name="filter"/> page by page, in transactions of up to 100 rows of one partition;
    /// returns how many it deleted. A row that changed or went since it was read is left alone.
    /// </summary>
    internal static async Task<int> DeleteWhereAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages();
        await foreach (var page in pages)
        {
            foreach (var partition in page.Values.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
            {
                foreach (var batch in partition.Chunk(BatchSize))
                {
                    deleted += await DeleteBatchAsync(table, batch, cancellationToken);
                }
            }
        }

        return deleted;
    }

    /// <summary>Deletes rows of one partition as read (conditional on their ETags); returns how many it deleted.</summary>
    internal static async Task<int> DeleteBatchAsync(TableClient table, IReadOnlyList<TableEntity> batch, CancellationToken cancellationToken)
    {
        try
        {
            // Conditional on the ETag read: a row updated meanwhile (a session refreshed) no longer matches what was selected.
            await table.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, e.ETag)), cancellationToken);
            return batch.Count;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // One row changed or went (another instance pruning too) and failed the whole transaction: go row by row.
            var deleted = 0;
            foreach (var entity in batch)
            {
                try
                {
                    var response = await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
                    deleted += response.Status == 404 ? 0 : 1;
                }
                catch (RequestFailedException rowFailure) when (rowFailure.Status == 412)
                {
                    // Changed since it was read: no longer the row the filter selected.
                }
            }

            return deleted;
        }
    }

    internal static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    internal static T FromJson<T>(string? json, T fallback) =>
        string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<T>(json, Json) ?? fallback;

    /// <summary>Row and partition keys may not hold '/', '\', '#', '?' or control characters; escaping keeps them readable.</summary>
    internal static string Key(string value) => Uri.EscapeDataString(value);
}
