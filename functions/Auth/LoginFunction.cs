using Dockward.Core.Security.Login;
using Dockward.Core.Security.Sessions;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Auth;

/// <summary>POST /api/auth/login: the dashboard signs in; the session travels in HttpOnly cookies.</summary>
internal sealed class LoginFunction(LoginService login, SessionService sessions, SessionTokens tokens) : IHttpFunction
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
        return tokens.AsCookies(context, user, session, refreshToken);
    }
}
