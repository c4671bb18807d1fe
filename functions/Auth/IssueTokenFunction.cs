using Dockward.Functions.Hosting;

namespace Dockward.Functions.Auth;

/// <summary>POST /api/auth/token: a script signs in with a password and gets a bearer access token and a refresh token.</summary>
internal sealed class IssueTokenFunction(PasswordSignIn signIn, SessionTokens tokens) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (user, session, refreshToken, refused) = await signIn.RunAsync(context, cancellationToken);
        return refused ?? tokens.InBody(user!, session!, refreshToken!);
    }
}
