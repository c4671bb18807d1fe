using Dockward.Core.Security.ApiTokens;

namespace Dockward.Functions.Tokens;

/// <summary>An API token as listed: never its secret or hash.</summary>
internal sealed record ApiTokenView(
    string Id, string Name, string Role, string UserId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenView Of(ApiTokenRecord t) =>
        new(t.Id, t.Name, t.Role.ToString().ToLowerInvariant(), t.UserId, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
