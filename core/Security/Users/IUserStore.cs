namespace Dockward.Core.Security.Users;

/// <summary>Users, unique by user name without regard to case.</summary>
internal interface IUserStore
{
    Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user with this name, compared without regard to case.</summary>
    Task<UserRecord?> FindByNameAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Whether any user exists (first run when not).</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new user; <see cref="Storage.ConcurrencyConflictException"/> when the id or the name (any case) exists.</summary>
    Task<UserRecord> AddAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Replaces a user read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<UserRecord> UpdateAsync(UserRecord user, CancellationToken cancellationToken);
}
