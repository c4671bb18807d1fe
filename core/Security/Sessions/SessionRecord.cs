namespace Dockward.Core.Security.Sessions;

/// <summary>
/// One login of a user: a family of rotating refresh tokens. Only hashes are stored; a token presented again
/// after it was rotated (its hash is in <paramref name="UsedTokenHashes"/>) revokes the whole family.
/// </summary>
/// <param name="Id">Session (family) id, also the first part of every refresh token of the family.</param>
/// <param name="RefreshTokenHash">SHA-256 (hex) of the refresh token that is valid now.</param>
/// <param name="UsedTokenHashes">Hashes of the family's earlier refresh tokens, newest first, bounded.</param>
/// <param name="SecurityStamp">The user's security stamp at login; a changed stamp ends the session.</param>
/// <param name="Address">The client address at login.</param>
internal sealed record SessionRecord(
    string Id,
    string UserId,
    string RefreshTokenHash,
    IReadOnlyList<string> UsedTokenHashes,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedReason,
    string? Address,
    string? Version = null);
