using Dockward.Core.Audit;
using Dockward.Core.Security.Users;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Sessions;

/// <summary>
/// Login sessions as families of rotating refresh tokens (<c>{sessionId}.{secret}</c>, stored hashed): each refresh
/// hands out a new token and retires the old one; a retired token presented again means it was stolen, so the
/// whole family is revoked (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
/// </summary>
internal sealed class SessionService(
    ISessionStore sessions,
    IUserStore users,
    AuditTrail audit,
    IOptions<SecurityOptions> options,
    TimeProvider clock)
{
    private const int RetiredHashesKept = 50;

    public async Task<(SessionRecord Session, string RefreshToken)> StartAsync(UserRecord user, string? address, CancellationToken cancellationToken)
    {
        var secret = SecretTokens.NewSecret();
        var now = clock.GetUtcNow();
        var session = await sessions.AddAsync(new SessionRecord(
            SecretTokens.NewId(), user.Id, SecretTokens.Hash(secret), [], user.SecurityStamp, now, now + options.Value.SessionLifetime, null, null, address),
            cancellationToken);
        return (session, Format(session.Id, secret));
    }

    public async Task<RefreshOutcome> RefreshAsync(string refreshToken, string? address, CancellationToken cancellationToken)
    {
        if (!TryParse(refreshToken, out var sessionId, out var secret) || await sessions.GetAsync(sessionId, cancellationToken) is not { } session)
        {
            return RefreshOutcome.Refuse("unknown refresh token");
        }

        var hash = SecretTokens.Hash(secret);
        if (session.RevokedAt is not null)
        {
            return RefreshOutcome.Refuse("session ended");
        }

        if (session.UsedTokenHashes.Contains(hash))
        {
            await RevokeAsync(session, "refresh token reused", cancellationToken);
            var owner = await users.GetAsync(session.UserId, cancellationToken);
            await audit.DeniedAsync(Actor.Anonymous(address), "auth.refresh_reuse", owner?.UserName ?? session.UserId,
                $"a retired refresh token of session {session.Id} was presented again; the session is revoked", cancellationToken);
            return RefreshOutcome.Refuse("refresh token reused; the session is revoked");
        }

        if (!SecretTokens.Matches(secret, session.RefreshTokenHash))
        {
            return RefreshOutcome.Refuse("unknown refresh token");
        }

        var now = clock.GetUtcNow();
        if (session.ExpiresAt <= now)
        {
            return RefreshOutcome.Refuse("session expired");
        }

        if (await users.GetAsync(session.UserId, cancellationToken) is not { Disabled: false } user || user.SecurityStamp != session.SecurityStamp)
        {
            await RevokeAsync(session, "user disabled or changed", cancellationToken);
            return RefreshOutcome.Refuse("session ended");
        }

        var next = SecretTokens.NewSecret();
        try
        {
            var rotated = await sessions.UpdateAsync(session with
            {
                RefreshTokenHash = SecretTokens.Hash(next),
                UsedTokenHashes = [hash, .. session.UsedTokenHashes.Take(RetiredHashesKept - 1)],
            }, cancellationToken);
            return new RefreshOutcome(rotated, user, Format(rotated.Id, next), null);
        }
        catch (ConcurrencyConflictException)
        {
            // Two refreshes raced with one token: the other one won and holds the family's next token.
            return RefreshOutcome.Refuse("refresh token already used");
        }
    }

    /// <summary>Whether the session still stands for this user (not revoked or expired, the user unchanged).</summary>
    public async Task<bool> IsActiveAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await sessions.GetAsync(sessionId, cancellationToken) is not { RevokedAt: null } session || session.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        return await users.GetAsync(session.UserId, cancellationToken) is { Disabled: false } user && user.SecurityStamp == session.SecurityStamp;
    }

    /// <summary>Ends one session (logout); false when there is no such session of this user.</summary>
    public async Task<bool> EndAsync(string sessionId, string userId, string reason, CancellationToken cancellationToken)
    {
        if (await sessions.GetAsync(sessionId, cancellationToken) is not { } session || session.UserId != userId)
        {
            return false;
        }

        await RevokeAsync(session, reason, cancellationToken);
        return true;
    }

    /// <summary>Ends the session whose current refresh token this is (logout after the access token expired); its id, or null.</summary>
    public async Task<string?> EndByRefreshTokenAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!TryParse(refreshToken, out var sessionId, out var secret)
            || await sessions.GetAsync(sessionId, cancellationToken) is not { RevokedAt: null } session
            || !SecretTokens.Matches(secret, session.RefreshTokenHash))
        {
            return null;
        }

        await RevokeAsync(session, "logout", cancellationToken);
        return session.Id;
    }

    /// <summary>Ends every session of a user (disabled, password or role changed).</summary>
    public async Task EndAllAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        foreach (var session in await sessions.ListByUserAsync(userId, cancellationToken))
        {
            if (session.RevokedAt is null)
            {
                await RevokeAsync(session, reason, cancellationToken);
            }
        }
    }

    /// <summary>The session id inside a refresh token, without checking it.</summary>
    public static string? SessionIdOf(string? refreshToken) => TryParse(refreshToken, out var id, out _) ? id : null;

    private async Task RevokeAsync(SessionRecord session, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3 && session.RevokedAt is null; attempt++)
        {
            try
            {
                await sessions.UpdateAsync(session with { RevokedAt = clock.GetUtcNow(), RevokedReason = reason }, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                session = await sessions.GetAsync(session.Id, cancellationToken) ?? session;
            }
        }
    }

    private static string Format(string sessionId, string secret) => $"{sessionId}.{secret}";

    private static bool TryParse(string? token, out string sessionId, out string secret)
    {
        sessionId = secret = "";
        if (token is null || token.Length is < 34 or > 200 || token[32] != '.' || !token[..32].All(Uri.IsHexDigit))
        {
            return false;
        }

        sessionId = token[..32];
        secret = token[33..];
        return true;
    }
}
