using Azure.Data.Tables;
using Dockward.Core.Security.Sessions;

namespace Dockward.Core.Storage.Tables;

/// <summary>Sessions in one partition, keyed by id (read on every refresh); earlier token hashes as a JSON column.</summary>
internal sealed class TableSessionStore(TableStorage storage) : ISessionStore
{
    private const string Partition = "session";

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("sessions", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(sessionId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<SessionRecord>> ListByUserAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("sessions", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and UserId eq {userId}"), Map, cancellationToken);
    }

    public async Task<SessionRecord> AddAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("sessions", cancellationToken);
        var etag = await TableStorage.AddAsync(table, ToEntity(session), cancellationToken);
        return session with { Version = etag };
    }

    public async Task<SessionRecord> UpdateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("sessions", cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(session), session.Version, cancellationToken);
        return session with { Version = etag };
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("sessions", cancellationToken);
        return await TableStorage.DeleteWhereAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ExpiresAt lt {before}"), cancellationToken);
    }

    private static TableEntity ToEntity(SessionRecord s) => new(Partition, TableStorage.Key(s.Id))
    {
        ["Id"] = s.Id,
        ["UserId"] = s.UserId,
        ["RefreshTokenHash"] = s.RefreshTokenHash,
        ["UsedTokenHashes"] = TableStorage.ToJson(s.UsedTokenHashes),
        ["SecurityStamp"] = s.SecurityStamp,
        ["CreatedAt"] = s.CreatedAt,
        ["ExpiresAt"] = s.ExpiresAt,
        ["RevokedAt"] = s.RevokedAt,
        ["RevokedReason"] = s.RevokedReason,
        ["Address"] = s.Address,
    };

    private static SessionRecord Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("UserId"),
        e.GetString("RefreshTokenHash") ?? "",
        TableStorage.FromJson<string[]>(e.GetString("UsedTokenHashes"), []),
        e.GetString("SecurityStamp") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("RevokedAt"),
        e.GetString("RevokedReason"),
        e.GetString("Address"),
        e.ETag.ToString());
}
