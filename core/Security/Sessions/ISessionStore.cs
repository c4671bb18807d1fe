namespace Dockward.Core.Security.Sessions;

/// <summary>Login sessions (refresh-token families).</summary>
internal interface ISessionStore
{
    Task<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionRecord>> ListByUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Stores a new session; <see cref="Storage.ConcurrencyConflictException"/> when the id exists.</summary>
    Task<SessionRecord> AddAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>Replaces a session read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<SessionRecord> UpdateAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>Removes sessions that expired before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
