using Dockward.Core.Security.Users;

namespace Dockward.Core.Security.Login;

/// <summary>
/// How a login ended. A wrong password, an unknown user and a disabled user are all <see cref="LoginFailure.InvalidCredentials"/>,
/// so the answer never tells whether an account exists.
/// </summary>
internal sealed record LoginOutcome(UserRecord? User, LoginFailure? Failure, TimeSpan? RetryAfter = null)
{
    public static LoginOutcome Succeeded(UserRecord user) => new(user, null);

    public static readonly LoginOutcome Invalid = new(null, LoginFailure.InvalidCredentials);

    public static LoginOutcome Throttled(TimeSpan retryAfter) => new(null, LoginFailure.Throttled, retryAfter);
}
