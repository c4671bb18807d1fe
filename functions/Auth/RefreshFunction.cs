using Dockward.Core.Security.Sessions;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>
/// POST /api/auth/refresh: trades a refresh token for a new access token and the family's next refresh token.
/// From the cookie (dashboard, answered with cookies) or from the body (scripts, answered in the body).
/// </summary>
internal sealed class RefreshFunction(SessionService sessions, SessionTokens tokens) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var fromCookie = context.Request.Cookies[AuthCookies.Refresh];
        string? presented = fromCookie;
        if (presented is null)
        {
            var (body, problem) = await RequestBody.ReadAsync<RefreshRequest>(context.Request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            presented = body.RefreshToken;
        }

        var outcome = await sessions.RefreshAsync(presented, Caller.AddressOf(context), cancellationToken);
        if (outcome is not { Session: { } session, User: { } user, RefreshToken: { } next })
        {
            if (fromCookie is not null)
            {
                AuthCookies.Clear(context.Response);
            }

            return Problems.Unauthorized($"The refresh token is not valid: {outcome.Refused}. Sign in again.");
        }

        return fromCookie is not null ? tokens.AsCookies(context, user, session, next) : tokens.InBody(user, session, next);
    }
}
