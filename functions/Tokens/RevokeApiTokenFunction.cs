using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Security.Users;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Tokens;

/// <summary>DELETE /api/tokens/{tokenId}: revokes one of the caller's tokens (an admin: anyone's).</summary>
internal sealed class RevokeApiTokenFunction(ApiTokenService tokens, IUserStore users) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        var tokenId = (string)context.Request.RouteValues["tokenId"]!;
        if (await users.GetAsync(caller.UserId, cancellationToken) is not { } user)
        {
            return Problems.NotFound("The signed-in user no longer exists.");
        }

        // The token's role, not the owner's, decides what a token may do to other tokens.
        var refusal = await tokens.RevokeAsync(tokenId, user with { Role = caller.Role }, caller.Actor, cancellationToken);
        return refusal is null ? Results.NoContent() : Problems.From(refusal);
    }
}
