using System.Security.Claims;
using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Security.Tokens;

namespace Dockward.Functions.Security;

/// <summary>The signed-in user (or API token) making a request, as the functions and the audit log see it.</summary>
internal sealed record Caller(string UserId, string UserName, Role Role, string? SessionId, string? TokenId, Actor Actor)
{
    /// <summary>The caller of a route declared Viewer, Operator or Admin (the policy has already signed it in).</summary>
    public static Caller Of(HttpContext context) =>
        TryOf(context) ?? throw new InvalidOperationException("This route is not declared for users.");

    public static Caller? TryOf(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(AccessTokenClaims.Method) == "agent"
            || !Enum.TryParse<Role>(user.FindFirstValue(AccessTokenClaims.Role), ignoreCase: true, out var role))
        {
            return null;
        }

        var id = user.FindFirstValue(AccessTokenClaims.Subject)!;
        var name = user.FindFirstValue(AccessTokenClaims.Name)!;
        var tokenId = user.FindFirstValue(AccessTokenClaims.TokenId);
        var address = AddressOf(context);
        return new Caller(id, name, role, user.FindFirstValue(AccessTokenClaims.Session), tokenId,
            tokenId is null ? Actor.User(name, address) : Actor.Token(tokenId, name, address));
    }

    /// <summary>The client's address (after trusted proxies' forwarded headers, when configured).</summary>
    public static string? AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
