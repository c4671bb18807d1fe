using Azure;
using Azure.Data.Tables;
using Dockward.Core.Security;
using Dockward.Core.Security.Users;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// Users in one partition, keyed by the lower-cased user name: the key itself keeps names unique without regard to case.
/// The id is a property, found by a query (users are few).
/// </summary>
internal sealed class TableUserStore(TableStorage storage) : IUserStore
{
    private const string Partition = "user";

    public async Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("users", cancellationToken);
        var found = await TableStorage.TakeAsync(table, ById(userId), 1, Map, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<UserRecord?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("users", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, NameKey(userName), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("users", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("users", cancellationToken);
        var first = await TableStorage.TakeAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), 1, e => e.RowKey, cancellationToken);
        return first.Count > 0;
    }

    public async Task<UserRecord> AddAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("users", cancellationToken);
        // The key guards the name; the id is checked first (ids are fresh GUIDs, so two adds racing on one id do not happen).
        if ((await TableStorage.TakeAsync(table, ById(user.Id), 1, e => e.RowKey, cancellationToken)).Count > 0)
        {
            throw new ConcurrencyConflictException($"{table.Name}: a user with id {user.Id} already exists.");
        }

        var etag = await TableStorage.AddAsync(table, ToEntity(user), cancellationToken);
        return user with { Version = etag };
    }

    public async Task<UserRecord> UpdateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("users", cancellationToken);
        var entity = ToEntity(user);
        try
        {
            return user with { Version = await TableStorage.ReplaceAsync(table, entity, user.Version, cancellationToken) };
        }
        catch (ConcurrencyConflictException e) when (e.InnerException is RequestFailedException { Status: 404 })
        {
            // No row under this name: either the user was renamed (the key is the name) or is gone.
            return user with { Version = await RenameAsync(table, entity, user, cancellationToken) };
        }
    }

    private static async Task<string> RenameAsync(TableClient table, TableEntity renamed, UserRecord user, CancellationToken cancellationToken)
    {
        var stored = await TableStorage.TakeAsync(table, ById(user.Id), 1, e => e, cancellationToken);
        if (stored.Count == 0 || stored[0].RowKey == renamed.RowKey)
        {
            throw new ConcurrencyConflictException($"{table.Name}: user {user.Id} changed since it was read.");
        }

        try
        {
            // One transaction: the old name's row goes only if unchanged since read, the new one arrives only if the name is free.
            var response = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, stored[0], new ETag(user.Version!)),
                    new TableTransactionAction(TableTransactionActionType.Add, renamed),
                ],
                cancellationToken);
            return response.Value[1].Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            throw new ConcurrencyConflictException($"{table.Name}: user {user.Id} changed since it was read, or {user.UserName} is taken.", e);
        }
    }

    private static string ById(string userId) => TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Id eq {userId}");

    private static string NameKey(string userName) => TableStorage.Key(userName.ToLowerInvariant());

    private static TableEntity ToEntity(UserRecord u) => new(Partition, NameKey(u.UserName))
    {
        ["Id"] = u.Id,
        ["UserName"] = u.UserName,
        ["PasswordHash"] = u.PasswordHash,
        ["Role"] = u.Role.ToString(),
        ["Disabled"] = u.Disabled,
        ["FailedLogins"] = u.FailedLogins,
        ["LockedUntil"] = u.LockedUntil,
        ["SecurityStamp"] = u.SecurityStamp,
        ["CreatedAt"] = u.CreatedAt,
        ["LastLoginAt"] = u.LastLoginAt,
    };

    private static UserRecord Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("UserName"),
        e.GetString("PasswordHash") ?? "",
        // An unreadable role grants the least, never more.
        Enum.TryParse<Role>(e.GetString("Role"), out var role) && Enum.IsDefined(role) ? role : Role.Viewer,
        e.GetBoolean("Disabled") ?? false,
        e.GetInt32("FailedLogins") ?? 0,
        e.GetDateTimeOffset("LockedUntil"),
        e.GetString("SecurityStamp") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("LastLoginAt"),
        e.ETag.ToString());
}
