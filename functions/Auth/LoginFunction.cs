using Dockward.Functions.Hosting;

namespace Dockward.Functions.Auth;

/// <summary>POST /api/auth/login: the dashboard signs in; the session travels in HttpOnly cookies.</summary>
internal sealed class LoginFunction(PasswordSignIn signIn, SessionTokens tokens) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (user, session, refreshToken, refused) = await signIn.RunAsync(context, cancellationToken);
        return refused ?? tokens.AsCookies(context, user!, session!, refreshToken!);
    }
}
