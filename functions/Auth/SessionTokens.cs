using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Tokens;
using Dockward.Core.Security.Users;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>Hands a signed-in session to the client: as cookies for the dashboard, or in the body for scripts.</summary>
internal sealed class SessionTokens(AccessTokenIssuer issuer, CsrfTokens csrf)
{
    /// <summary>Sets the dashboard's cookies; the body carries who signed in and the CSRF token to echo.</summary>
    public IResult AsCookies(HttpContext context, UserRecord user, SessionRecord session, string refreshToken)
    {
        var (access, expires) = issuer.Issue(user, session);
        var csrfToken = csrf.For(session.Id);
        AuthCookies.Set(context.Response, access, expires, refreshToken, session, csrfToken);
        return Results.Json(new
        {
            user = UserView.Of(user),
            accessTokenExpiresAt = expires,
            sessionExpiresAt = session.ExpiresAt,
            csrfToken,
        });
    }

    /// <summary>OAuth-style token response (RFC 6749 §5.1) for scripts; no cookies.</summary>
    public IResult InBody(UserRecord user, SessionRecord session, string refreshToken)
    {
        var (access, expires) = issuer.Issue(user, session);
        return Results.Json(new
        {
            accessToken = access,
            tokenType = "Bearer",
            expiresIn = (int)(expires - DateTimeOffset.UtcNow).TotalSeconds,
            refreshToken,
            refreshTokenExpiresAt = session.ExpiresAt,
        });
    }
}
