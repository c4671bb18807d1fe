using Azure;
using Azure.Data.Tables;
using Dockward.Core.Webhooks;

namespace Dockward.Core.Storage.Tables;

/// <summary>Webhook providers' secrets in one partition, keyed by the provider's name.</summary>
internal sealed class TableWebhookSecretStore(TableStorage storage) : IWebhookSecretStore
{
    private const string Table = "webhooksecrets";
    private const string Partition = "webhook";

    public async Task<WebhookSecretRecord?> GetAsync(string provider, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(provider), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<WebhookSecretRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<WebhookSecretRecord> SetAsync(WebhookSecretRecord secret, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var response = await table.UpsertEntityAsync(ToEntity(secret), TableUpdateMode.Replace, cancellationToken);
        return secret with { Version = response.Headers.ETag?.ToString() };
    }

    public async Task<WebhookSecretRecord> UpdateAsync(WebhookSecretRecord secret, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(secret), secret.Version, cancellationToken);
        return secret with { Version = etag };
    }

    public async Task<bool> DeleteAsync(string provider, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken);
        // The client reports a missing row as a 404 response rather than an exception.
        var response = await table.DeleteEntityAsync(Partition, TableStorage.Key(provider), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private static TableEntity ToEntity(WebhookSecretRecord s) => new(Partition, TableStorage.Key(s.Provider))
    {
        ["Provider"] = s.Provider,
        ["SecretCipher"] = s.SecretCipher,
        ["UpdatedAt"] = s.UpdatedAt,
        ["UpdatedBy"] = s.UpdatedBy,
    };

    private static WebhookSecretRecord Map(TableEntity e) => new(
        e.GetString("Provider") ?? "",
        e.GetString("SecretCipher") ?? "",
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("UpdatedBy") ?? "",
        e.ETag.ToString());
}
