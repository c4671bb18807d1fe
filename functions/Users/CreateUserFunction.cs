using Dockward.Core.Security.Users;
using Dockward.Functions.Auth;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Users;

/// <summary>POST /api/users: an admin adds a user with a role and an initial password.</summary>
internal sealed class CreateUserFunction(UserAccounts accounts) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<NewUser>(context.Request, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (!Roles.TryParse(request.Role, out var role))
        {
            return Problems.BadRequest(Roles.Expected);
        }

        var (user, refusal) = await accounts.CreateAsync(request.UserName, request.Password, role, Caller.Of(context).Actor, cancellationToken);
        return user is null ? Problems.From(refusal!) : Results.Json(UserView.Of(user), statusCode: StatusCodes.Status201Created);
    }
}
