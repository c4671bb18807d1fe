using Dockward.Core.Security.Login;
using Dockward.Core.Security.Sessions;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>POST /api/auth/token: a script signs in with a password and gets a bearer access token and a refresh token.</summary>
internal sealed class IssueTokenFunction(LoginService login, SessionService sessions, SessionTokens tokens) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (credentials, problem) = await RequestBody.ReadAsync<Credentials>(context.Request, cancellationToken);
        if (credentials is null)
        {
            return problem!;
        }

        if (!LoginResults.Shaped(credentials))
        {
            return Problems.Unauthorized("Wrong user name or password.");
        }

        var address = Caller.AddressOf(context);
        var outcome = await login.LoginAsync(credentials.UserName, credentials.Password, address, cancellationToken);
        if (outcome.User is not { } user)
        {
            return LoginResults.Refused(context, outcome);
        }

        var (session, refreshToken) = await sessions.StartAsync(user, address, cancellationToken);
        return tokens.InBody(user, session, refreshToken);
    }
}
