using Dockward.Core.Security.Login;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Users;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>
/// The part every password sign-in shares: read the credentials, check them (throttled, audited), start a session.
/// The login and token functions differ only in how they hand the session over.
/// </summary>
internal sealed class PasswordSignIn(LoginService login, SessionService sessions)
{
    /// <summary>The signed-in session, or the answer that refuses it.</summary>
    public async Task<(UserRecord? User, SessionRecord? Session, string? RefreshToken, IResult? Refused)> RunAsync(
        HttpContext context, CancellationToken cancellationToken)
    {
        var (credentials, problem) = await RequestBody.ReadAsync<Credentials>(context.Request, cancellationToken);
        if (credentials is null)
        {
            return (null, null, null, problem);
        }

        if (!LoginResults.Shaped(credentials))
        {
            return (null, null, null, Problems.Unauthorized("Wrong user name or password."));
        }

        var address = Caller.AddressOf(context);
        var outcome = await login.LoginAsync(credentials.UserName, credentials.Password, address, cancellationToken);
        if (outcome.User is not { } user)
        {
            return (null, null, null, LoginResults.Refused(context, outcome));
        }

        var (session, refreshToken) = await sessions.StartAsync(user, address, cancellationToken);
        return (user, session, refreshToken, null);
    }
}
