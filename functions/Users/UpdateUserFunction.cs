using Dockward.Core.Security;
using Dockward.Core.Security.Users;
using Dockward.Functions.Auth;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Users;

/// <summary>PATCH /api/users/{userId}: change a user's role or disable/enable them; their sessions end.</summary>
internal sealed class UpdateUserFunction(UserAccounts accounts) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (change, problem) = await RequestBody.ReadAsync<UserChange>(context.Request, cancellationToken);
        if (change is null)
        {
            return problem!;
        }

        Role? role = null;
        if (change.Role is not null)
        {
            if (!Roles.TryParse(change.Role, out var parsed))
            {
                return Problems.BadRequest(Roles.Expected);
            }

            role = parsed;
        }

        var userId = (string)context.Request.RouteValues["userId"]!;
        var (user, refusal) = await accounts.ChangeAsync(userId, role, change.Disabled, change.Version, Caller.Of(context).Actor, cancellationToken);
        return user is null ? Problems.From(refusal!) : Results.Json(UserView.Of(user));
    }
}
