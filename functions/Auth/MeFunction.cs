using Dockward.Core.Security.Users;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>GET /api/auth/me: who the caller is, with which role and how they signed in.</summary>
internal sealed class MeFunction(IUserStore users) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (await users.GetAsync(caller.UserId, cancellationToken) is not { } user)
        {
            return Problems.NotFound("The signed-in user no longer exists.");
        }

        return Results.Json(new
        {
            user = UserView.Of(user),
            role = caller.Role.ToString().ToLowerInvariant(),
            signedInWith = caller.TokenId is null ? "session" : "api-token",
            tokenId = caller.TokenId,
        });
    }
}
