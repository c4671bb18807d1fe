using Dockward.Core.Security.Users;

namespace Dockward.Functions.Auth;

/// <summary>A user as the API shows it: never the password hash or the security stamp.</summary>
internal sealed record UserView(
    string Id,
    string UserName,
    string Role,
    bool Disabled,
    bool Locked,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt,
    string? Version)
{
    public static UserView Of(UserRecord user) => new(
        user.Id,
        user.UserName,
        user.Role.ToString().ToLowerInvariant(),
        user.Disabled,
        user.LockedUntil > DateTimeOffset.UtcNow,
        user.LockedUntil,
        user.CreatedAt,
        user.LastLoginAt,
        user.Version);
}
