using Azure;
using Azure.Data.Tables;
using Dockward.Core.Security.Setup;

namespace Dockward.Core.Storage.Tables;

/// <summary>The setup token: a single row, deleted only at the version it was read at so one token sets up one admin.</summary>
internal sealed class TableSetupTokenStore(TableStorage storage) : ISetupTokenStore
{
    private const string Partition = "setup";
    private const string Row = "token";

    public async Task<SetupTokenRecord?> GetAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("setup", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, Row, cancellationToken);
        return entity is null
            ? null
            : new SetupTokenRecord(
                entity.GetString("SecretHash") ?? "",
                entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
                entity.ETag.ToString());
    }

    public async Task<SetupTokenRecord> SetAsync(SetupTokenRecord token, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("setup", cancellationToken);
        var entity = new TableEntity(Partition, Row)
        {
            ["SecretHash"] = token.SecretHash,
            ["CreatedAt"] = token.CreatedAt,
            ["ExpiresAt"] = token.ExpiresAt,
        };
        var response = await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return token with { Version = response.Headers.ETag?.ToString() ?? "" };
    }

    public async Task<bool> DeleteAsync(string version, CancellationToken cancellationToken)
    {
        // An empty ETag would make the delete unconditional.
        ArgumentException.ThrowIfNullOrEmpty(version);
        var table = await storage.TableAsync("setup", cancellationToken);
        try
        {
            // The client reports a missing row as a 404 response rather than an exception.
            var response = await table.DeleteEntityAsync(Partition, Row, new ETag(version), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
