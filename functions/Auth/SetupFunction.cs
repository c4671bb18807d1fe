using Dockward.Core.Security.Setup;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>POST /api/auth/setup: first run only; creates the first admin with the setup token printed to the log.</summary>
internal sealed class SetupFunction(FirstRunSetup setup) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<SetupRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var (user, refusal) = await setup.CompleteAsync(request.SetupToken, request.UserName, request.Password, Caller.AddressOf(context), cancellationToken);
        return user is null ? Problems.From(refusal!) : Results.Json(UserView.Of(user), statusCode: StatusCodes.Status201Created);
    }
}
