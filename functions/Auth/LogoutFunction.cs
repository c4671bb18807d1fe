using Dockward.Core.Audit;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Tokens;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>
/// POST /api/auth/logout: ends the caller's session (named by its access token, or by its refresh token when
/// the access token has already expired) and clears the dashboard's cookies. 204 either way.
/// </summary>
internal sealed class LogoutFunction(SessionService sessions, SessionGuard guard, AuditTrail audit) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.TryOf(context);
        if (caller is { TokenId: not null })
        {
            return Problems.BadRequest("API tokens are not sessions: revoke the token with DELETE /api/tokens/{id} instead.");
        }

        var ended = caller?.SessionId is { } sessionId
            ? await sessions.EndAsync(sessionId, caller.UserId, "logout", cancellationToken) ? sessionId : null
            : await sessions.EndByRefreshTokenAsync(await RefreshTokenOfAsync(context, cancellationToken), cancellationToken);
        AuthCookies.Clear(context.Response);
        if (ended is not null)
        {
            guard.Forget(ended);
            await audit.SucceededAsync(caller?.Actor ?? Actor.Anonymous(Caller.AddressOf(context)), "auth.logout",
                caller?.UserName ?? context.User.FindFirst(AccessTokenClaims.Name)?.Value, $"session {ended}", cancellationToken);
        }

        return Results.NoContent();
    }

    private static async Task<string?> RefreshTokenOfAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Cookies[AuthCookies.Refresh] is { } cookie)
        {
            return cookie;
        }

        if (!RequestBody.IsPresent(context.Request))
        {
            return null;
        }

        var (body, _) = await RequestBody.ReadAsync<RefreshRequest>(context.Request, cancellationToken);
        return body?.RefreshToken;
    }
}
