using Dockward.Core.Audit;
using Dockward.Core.Security.Passwords;
using Dockward.Core.Security.Users;

namespace Dockward.Core.Security.Login;

/// <summary>
/// Checks a user name and password. Every attempt is counted before the password is hashed (per address, and
/// per account or unknown name), so parallel guesses cannot outrun the limits; a correct password takes its
/// attempt back. The answer, and about the time, are the same whether the user exists or not; every attempt is
/// audited. At most a few hashes run at once, so a flood of logins cannot exhaust memory (19 MiB each).
/// </summary>
internal sealed class LoginService(
    IUserStore users,
    PasswordHasher hasher,
    AccountLockout lockout,
    LoginThrottle throttle,
    AuditTrail audit,
    TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan HashQueueWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim hashing = new(Math.Max(2, Environment.ProcessorCount));

    public async Task<LoginOutcome> LoginAsync(string userName, string password, string? address, CancellationToken cancellationToken)
    {
        var anonymous = Actor.Anonymous(address);
        if (throttle.BeginAddressAttempt(address) is { } addressWait)
        {
            await audit.DeniedAsync(anonymous, "auth.login", userName, "too many failed logins from this address", cancellationToken);
            return LoginOutcome.Throttled(addressWait);
        }

        var user = UserNames.IsValid(userName) ? await users.FindByNameAsync(userName, cancellationToken) : null;
        if (user is null)
        {
            if (throttle.BeginUnknownNameAttempt(userName) is { } nameWait)
            {
                await audit.DeniedAsync(anonymous, "auth.login", userName, "too many failed logins", cancellationToken);
                return LoginOutcome.Throttled(nameWait);
            }

            if (!await HashAsync(() => hasher.Burn(password), cancellationToken))
            {
                return LoginOutcome.Throttled(TimeSpan.FromSeconds(1));
            }

            await audit.FailedAsync(anonymous, "auth.login", userName, "invalid credentials", cancellationToken);
            return LoginOutcome.Invalid;
        }

        var (counted, lockedFor) = await lockout.BeginAttemptAsync(user, cancellationToken);
        if (counted is null)
        {
            await audit.DeniedAsync(anonymous, "auth.login", user.UserName, "account locked", cancellationToken);
            return LoginOutcome.Throttled(lockedFor ?? TimeSpan.FromMinutes(1));
        }

        var verification = PasswordVerification.Failed;
        if (!await HashAsync(() => verification = hasher.Verify(password, counted.PasswordHash), cancellationToken))
        {
            return LoginOutcome.Throttled(TimeSpan.FromSeconds(1));
        }

        if (verification == PasswordVerification.Failed)
        {
            await audit.FailedAsync(anonymous, "auth.login", user.UserName, "invalid credentials", cancellationToken);
            return LoginOutcome.Invalid;
        }

        if (counted.Disabled)
        {
            await audit.DeniedAsync(anonymous, "auth.login", user.UserName, "account disabled", cancellationToken);
            return LoginOutcome.Invalid;
        }

        var rehash = verification == PasswordVerification.SucceededRehashNeeded ? hasher.Hash(password) : null;
        var signedIn = await lockout.SucceededAsync(counted, u => u with { LastLoginAt = clock.GetUtcNow(), PasswordHash = rehash ?? u.PasswordHash }, cancellationToken);
        if (signedIn is null)
        {
            return LoginOutcome.Invalid;
        }

        throttle.AddressSucceeded(address);
        await audit.SucceededAsync(Actor.User(user.UserName, address), "auth.login", user.UserName, null, cancellationToken);
        return LoginOutcome.Succeeded(signedIn);
    }

    public void Dispose() => hashing.Dispose();

    /// <summary>Runs one password hash when a slot is free; false when none freed up in time (the caller answers "try again").</summary>
    private async Task<bool> HashAsync(Action hash, CancellationToken cancellationToken)
    {
        if (!await hashing.WaitAsync(HashQueueWait, cancellationToken))
        {
            return false;
        }

        try
        {
            hash();
            return true;
        }
        finally
        {
            hashing.Release();
        }
    }
}
