using Dockward.Core.Security.Users;
using Dockward.Functions.Auth;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Users;

/// <summary>GET /api/users: every user, by name.</summary>
internal sealed class ListUsersFunction(IUserStore users) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json((await users.ListAsync(cancellationToken)).OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).Select(UserView.Of));
}
