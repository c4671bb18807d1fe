using System.Globalization;
using Dockward.Core.Security.Login;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Auth;

/// <summary>The answers to a failed login, worded the same whether or not the account exists.</summary>
internal static class LoginResults
{
    public static IResult Refused(HttpContext context, LoginOutcome outcome)
    {
        if (outcome.Failure == LoginFailure.Throttled)
        {
            var seconds = (int)Math.Ceiling(Math.Max(1, outcome.RetryAfter?.TotalSeconds ?? 60));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status429TooManyRequests, "Too many attempts", $"Too many failed logins; try again in {seconds} s.");
        }

        return Problems.Unauthorized("Wrong user name or password.");
    }

    public static bool Shaped(Credentials credentials) =>
        credentials.UserName.Length is > 0 and <= 64 && credentials.Password.Length is > 0 and <= 1024;
}
