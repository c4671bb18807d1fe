namespace Dockward.Core.Security.Users;

/// <summary>A person who signs in to the dashboard or the API.</summary>
/// <param name="Id">Stable id (a GUID in "N" form).</param>
/// <param name="UserName">As the user typed it at creation; unique without regard to case.</param>
/// <param name="PasswordHash">The KDF's encoded hash (algorithm, parameters, salt and hash); empty until set.</param>
/// <param name="FailedLogins">Consecutive failed logins since the last success or unlock.</param>
/// <param name="LockedUntil">Logins are refused until then (an admin can unlock earlier).</param>
/// <param name="SecurityStamp">Changes whenever the user's sessions must end (password, role, disabling).</param>
/// <param name="Version">Concurrency token of the stored record; null for a record not stored yet.</param>
internal sealed record UserRecord(
    string Id,
    string UserName,
    string PasswordHash,
    Role Role,
    bool Disabled,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt,
    string? Version = null);
