using System.Security.Cryptography;
using System.Text;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Tokens;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Security;

/// <summary>
/// Refuses a state-changing request that a browser could have been tricked into sending: one that rides on the
/// dashboard's cookies must carry <c>X-CSRF-Token</c> equal to the CSRF cookie and bound to the session
/// (double submit, OWASP CSRF cheat sheet). Requests with an Authorization header carry no ambient credential.
/// </summary>
internal sealed class CsrfProtection(RequestDelegate next, CsrfTokens tokens, ILogger<CsrfProtection> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || request.Headers.Authorization.Count > 0 || !AuthCookies.Present(request) || SignsIn(request.Path) || IsWebhook(context))
        {
            await next(context);
            return;
        }

        var header = request.Headers[AuthCookies.CsrfHeader].ToString();
        var cookie = request.Cookies[AuthCookies.Csrf] ?? "";
        var sessionId = context.User.FindFirst(AccessTokenClaims.Session)?.Value
            ?? SessionService.SessionIdOf(request.Cookies[AuthCookies.Refresh]);
        var matches = header.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(cookie))
            && (sessionId is null || tokens.IsValid(sessionId, header));
        if (!matches)
        {
            logger.LogWarning("Refused {Method} {Path} from {Address}: missing or wrong CSRF token", request.Method, request.Path, context.Connection.RemoteIpAddress);
            await Problems.Create(StatusCodes.Status403Forbidden, "CSRF check failed",
                $"A request authenticated by cookies must send the {AuthCookies.Csrf} cookie's value in the {AuthCookies.CsrfHeader} header.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Routes that take a password or setup token and ignore cookies: a browser with stale cookies (say, after
    /// a key rotation) can always sign in again, which then replaces them.
    /// </summary>
    /// <summary>A webhook route ignores cookies (it authenticates by the provider's secret), so a cookie cannot be ridden there.</summary>
    private static bool IsWebhook(HttpContext context) =>
        context.GetEndpoint()?.Metadata.OfType<Access>().Contains(Access.Webhook) == true;

    private static bool SignsIn(PathString path) =>
        path.Equals("/api/auth/login", StringComparison.Ordinal) || path.Equals("/api/auth/token", StringComparison.Ordinal)
        || path.Equals("/api/auth/setup", StringComparison.Ordinal);
}
