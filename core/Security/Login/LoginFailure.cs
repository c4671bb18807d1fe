namespace Dockward.Core.Security.Login;

internal enum LoginFailure
{
    /// <summary>Wrong user name or password (or a disabled account): 401, always worded the same.</summary>
    InvalidCredentials,

    /// <summary>Too many failures for the account or the address: 429 with Retry-After.</summary>
    Throttled,
}
