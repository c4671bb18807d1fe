using Dockward.Core.Security.Users;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Users;

/// <summary>POST /api/users/{userId}/password: an admin sets a new password for a user; their sessions end.</summary>
internal sealed class ResetPasswordFunction(UserAccounts accounts) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (reset, problem) = await RequestBody.ReadAsync<PasswordReset>(context.Request, cancellationToken);
        if (reset is null)
        {
            return problem!;
        }

        var userId = (string)context.Request.RouteValues["userId"]!;
        var (_, refusal) = await accounts.SetPasswordAsync(userId, null, reset.NewPassword, Caller.Of(context).Actor, cancellationToken);
        return refusal is null ? Results.NoContent() : Problems.From(refusal);
    }
}
