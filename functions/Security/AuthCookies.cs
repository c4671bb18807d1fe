using Dockward.Core.Security.Sessions;

namespace Dockward.Functions.Security;

/// <summary>
/// The dashboard's cookies: the access and refresh tokens HttpOnly, and a CSRF token the page's script echoes in
/// <c>X-CSRF-Token</c>. All Secure, SameSite=Strict, host-only (<c>__Host-</c>); browsers accept Secure cookies
/// over plain HTTP only on localhost, so the dashboard elsewhere needs HTTPS.
/// </summary>
internal static class AuthCookies
{
    public const string Access = "__Host-dockward-access";
    public const string Refresh = "__Host-dockward-refresh";
    public const string Csrf = "__Host-dockward-csrf";
    public const string CsrfHeader = "X-CSRF-Token";

    public static bool Present(HttpRequest request) =>
        request.Cookies.ContainsKey(Access) || request.Cookies.ContainsKey(Refresh);

    public static void Set(HttpResponse response, string accessToken, DateTimeOffset accessExpires, string refreshToken, SessionRecord session, string csrfToken)
    {
        response.Cookies.Append(Access, accessToken, Options(httpOnly: true, accessExpires));
        response.Cookies.Append(Refresh, refreshToken, Options(httpOnly: true, session.ExpiresAt));
        response.Cookies.Append(Csrf, csrfToken, Options(httpOnly: false, session.ExpiresAt));
    }

    public static void Clear(HttpResponse response)
    {
        foreach (var name in new[] { Access, Refresh, Csrf })
        {
            response.Cookies.Delete(name, Options(httpOnly: name != Csrf, null));
        }
    }

    private static CookieOptions Options(bool httpOnly, DateTimeOffset? expires) => new()
    {
        HttpOnly = httpOnly,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
