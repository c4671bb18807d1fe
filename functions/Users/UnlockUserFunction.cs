using Dockward.Core.Security.Users;
using Dockward.Functions.Auth;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Users;

/// <summary>POST /api/users/{userId}/unlock: an admin clears a lockout after too many failed logins.</summary>
internal sealed class UnlockUserFunction(UserAccounts accounts) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var userId = (string)context.Request.RouteValues["userId"]!;
        var (user, refusal) = await accounts.UnlockAsync(userId, Caller.Of(context).Actor, cancellationToken);
        return user is null ? Problems.From(refusal!) : Results.Json(UserView.Of(user));
    }
}
