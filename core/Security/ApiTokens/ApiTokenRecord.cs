namespace Dockward.Core.Security.ApiTokens;

/// <summary>A personal API token for scripts: acts for its owner with at most <paramref name="Role"/>.</summary>
/// <param name="Id">Token id, also the visible part of the token (<c>dwp_{id}_{secret}</c>).</param>
/// <param name="SecretHash">SHA-256 (hex) of the secret part; the secret itself is shown once.</param>
internal sealed record ApiTokenRecord(
    string Id,
    string UserId,
    string Name,
    Role Role,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? Version = null);
