using Dockward.Core.Security.Users;
using Dockward.Functions.Auth;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Users;

/// <summary>GET /api/users/{userId}.</summary>
internal sealed class GetUserFunction(IUserStore users) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var userId = (string)context.Request.RouteValues["userId"]!;
        return await users.GetAsync(userId, cancellationToken) is { } user
            ? Results.Json(UserView.Of(user))
            : Problems.NotFound($"No user '{userId}'.");
    }
}
