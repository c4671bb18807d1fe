using Azure;
using Azure.Data.Tables;
using Dockward.Core.Webhooks;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// Pending webhook hints in one partition, keyed by repository: a second delivery for the same repository fails the
/// insert (409) and so joins the pending hint. Taking a hint is a delete at the ETag read (412 for the loser).
/// </summary>
internal sealed class TableWebhookHintStore(TableStorage storage) : IWebhookHintStore
{
    private const string Table = "webhookhints";
    private const string Partition = "hint";

    public async Task<bool> AddAsync(WebhookHint hint, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        try
        {
            await TableStorage.AddAsync(table, new TableEntity(Partition, TableStorage.Key(hint.Repository))
            {
                ["Repository"] = hint.Repository,
                ["Provider"] = hint.Provider,
                ["QueuedAt"] = hint.QueuedAt,
                ["DueAt"] = hint.DueAt,
            }, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<WebhookHint>> DueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        return await TableStorage.TakeAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and DueAt le {now}"), take, Map, cancellationToken);
    }

    public async Task<bool> TakeAsync(WebhookHint hint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(hint.Version))
        {
            throw new ArgumentException("A hint is taken at the version it was read at.", nameof(hint));
        }

        var table = await storage.TableAsync(Table, cancellationToken);
        try
        {
            var response = await table.DeleteEntityAsync(Partition, TableStorage.Key(hint.Repository), new ETag(hint.Version), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static WebhookHint Map(TableEntity e) => new(
        e.GetString("Repository") ?? "",
        e.GetString("Provider") ?? "",
        e.GetDateTimeOffset("QueuedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
