using Dockward.Core.Security.Users;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>POST /api/auth/password: the caller changes their own password; every session of theirs ends.</summary>
internal sealed class ChangePasswordFunction(UserAccounts accounts) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (change, problem) = await RequestBody.ReadAsync<PasswordChange>(context.Request, cancellationToken);
        if (change is null)
        {
            return problem!;
        }

        var caller = Caller.Of(context);
        if (caller.TokenId is not null)
        {
            return Problems.Forbidden("An API token cannot change its owner's password; sign in with the password.");
        }

        var (_, refusal) = await accounts.SetPasswordAsync(caller.UserId, change.CurrentPassword, change.NewPassword, caller.Actor, cancellationToken);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        AuthCookies.Clear(context.Response);
        return Results.NoContent();
    }
}
