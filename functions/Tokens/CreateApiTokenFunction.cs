using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Security.Users;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Tokens;

/// <summary>POST /api/tokens: a personal API token for the caller; the token is in this answer and nowhere else, ever.</summary>
internal sealed class CreateApiTokenFunction(ApiTokenService tokens, IUserStore users) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<NewApiToken>(context.Request, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (!Roles.TryParse(request.Role, out var role))
        {
            return Problems.BadRequest(Roles.Expected);
        }

        var caller = Caller.Of(context);
        if (caller.TokenId is not null)
        {
            return Problems.Forbidden("An API token cannot create API tokens; sign in with a password.");
        }

        if (await users.GetAsync(caller.UserId, cancellationToken) is not { } owner)
        {
            return Problems.NotFound("The signed-in user no longer exists.");
        }

        var (record, secret, refusal) = await tokens.CreateAsync(owner, request.Name, role, request.ExpiresInDays, caller.Actor, cancellationToken);
        return record is null
            ? Problems.From(refusal!)
            : Results.Json(new { token = secret, details = ApiTokenView.Of(record) }, statusCode: StatusCodes.Status201Created);
    }
}
