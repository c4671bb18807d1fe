using Dockward.Core.Audit;
using Dockward.Core.Security.Users;
using Dockward.Core.Storage;

namespace Dockward.Core.Security.ApiTokens;

/// <summary>
/// Personal API tokens for scripts: <c>dwp_{id}_{secret}</c>, scoped to a role no higher than the owner's,
/// shown once, stored hashed, revocable, optionally expiring.
/// </summary>
internal sealed class ApiTokenService(IApiTokenStore tokens, IUserStore users, AuditTrail audit, TimeProvider clock)
{
    public const string Prefix = "dwp";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task<(ApiTokenRecord? Token, string? Secret, Refusal? Refusal)> CreateAsync(
        UserRecord owner, string name, Role role, int? expiresInDays, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return (null, null, Refusal.Invalid("name must be 1 to 100 characters."));
        }

        if (role > owner.Role)
        {
            return (null, null, Refusal.Forbidden($"A token cannot have more rights than its owner ({owner.Role.ToString().ToLowerInvariant()})."));
        }

        if (expiresInDays is < 1 or > 3650)
        {
            return (null, null, Refusal.Invalid("expiresInDays must be between 1 and 3650, or left out for a token that does not expire."));
        }

        var now = clock.GetUtcNow();
        var secret = SecretTokens.NewSecret();
        var token = await tokens.AddAsync(new ApiTokenRecord(
            SecretTokens.NewId(), owner.Id, name.Trim(), role, SecretTokens.Hash(secret), now,
            expiresInDays is { } days ? now.AddDays(days) : null, null, null), cancellationToken);
        await audit.SucceededAsync(actor, "token.create", $"{token.Id} ({owner.UserName})", $"role {role.ToString().ToLowerInvariant()}", cancellationToken);
        return (token, SecretTokens.Format(Prefix, token.Id, secret), null);
    }

    /// <summary>The token's caller, or null when the token is malformed, unknown, wrong, revoked, expired or its owner disabled.</summary>
    public async Task<ApiTokenCaller?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!SecretTokens.TryParse(presented, Prefix, out var id, out var secret)
            || await tokens.GetAsync(id, cancellationToken) is not { } token
            || !SecretTokens.Matches(secret, token.SecretHash))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (token.RevokedAt is not null || token.ExpiresAt <= now
            || await users.GetAsync(token.UserId, cancellationToken) is not { Disabled: false } owner)
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            try
            {
                token = await tokens.UpdateAsync(token with { LastUsedAt = now }, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another request recorded the use, or the token was revoked meanwhile: read it again.
                if (await tokens.GetAsync(id, cancellationToken) is not { RevokedAt: null } fresh)
                {
                    return null;
                }

                token = fresh;
            }
        }

        return new ApiTokenCaller(token, owner);
    }

    /// <summary>Revokes a token its owner (or an admin) names; a missing or foreign token is not found.</summary>
    public async Task<Refusal?> RevokeAsync(string tokenId, UserRecord caller, Actor actor, CancellationToken cancellationToken)
    {
        if (await tokens.GetAsync(tokenId, cancellationToken) is not { } token || (token.UserId != caller.Id && caller.Role != Role.Admin))
        {
            // Someone else's token is "not found" to a non-admin: its existence is not theirs to learn.
            return Refusal.NotFound($"No token '{tokenId}'.");
        }

        if (token.RevokedAt is null)
        {
            await tokens.UpdateAsync(token with { RevokedAt = clock.GetUtcNow() }, cancellationToken);
            await audit.SucceededAsync(actor, "token.revoke", token.Id, null, cancellationToken);
        }

        return null;
    }
}
