using System.Security.Claims;
using System.Text.Encodings.Web;
using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Security;

/// <summary>Signs in a script holding a personal API token (<c>Authorization: Bearer dwp_…</c>).</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (await tokens.AuthenticateAsync(presented, Context.RequestAborted) is not { } caller)
        {
            return AuthenticateResult.Fail("The API token is not valid, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(AccessTokenClaims.Subject, caller.Owner.Id),
            new Claim(AccessTokenClaims.Name, caller.Owner.UserName),
            new Claim(AccessTokenClaims.Role, caller.Role.ToString().ToLowerInvariant()),
            new Claim(AccessTokenClaims.Method, "api-token"),
            new Claim(AccessTokenClaims.TokenId, caller.Token.Id),
        ], Scheme.Name, AccessTokenClaims.Name, AccessTokenClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
