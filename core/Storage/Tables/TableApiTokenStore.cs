using Azure.Data.Tables;
using Dockward.Core.Security;
using Dockward.Core.Security.ApiTokens;

namespace Dockward.Core.Storage.Tables;

/// <summary>API tokens in one partition, keyed by token id (read on every call a script makes).</summary>
internal sealed class TableApiTokenStore(TableStorage storage) : IApiTokenStore
{
    private const string Partition = "token";

    public async Task<ApiTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("apitokens", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(tokenId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("apitokens", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiTokenRecord>> ListByUserAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("apitokens", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and UserId eq {userId}"), Map, cancellationToken);
    }

    public async Task<ApiTokenRecord> AddAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("apitokens", cancellationToken);
        var etag = await TableStorage.AddAsync(table, ToEntity(token), cancellationToken);
        return token with { Version = etag };
    }

    public async Task<ApiTokenRecord> UpdateAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("apitokens", cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(token), token.Version, cancellationToken);
        return token with { Version = etag };
    }

    private static TableEntity ToEntity(ApiTokenRecord t) => new(Partition, TableStorage.Key(t.Id))
    {
        ["Id"] = t.Id,
        ["UserId"] = t.UserId,
        ["Name"] = t.Name,
        ["Role"] = t.Role.ToString(),
        ["SecretHash"] = t.SecretHash,
        ["CreatedAt"] = t.CreatedAt,
        ["ExpiresAt"] = t.ExpiresAt,
        ["LastUsedAt"] = t.LastUsedAt,
        ["RevokedAt"] = t.RevokedAt,
    };

    private static ApiTokenRecord Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("UserId"),
        e.GetString("Name") ?? "",
        // An unreadable role grants the least, never more.
        Enum.TryParse<Role>(e.GetString("Role"), out var role) && Enum.IsDefined(role) ? role : Role.Viewer,
        e.GetString("SecretHash") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt"),
        e.GetDateTimeOffset("LastUsedAt"),
        e.GetDateTimeOffset("RevokedAt"),
        e.ETag.ToString());
}
