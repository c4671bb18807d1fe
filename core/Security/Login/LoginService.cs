using Dockward.Core.Audit;
using Dockward.Core.Security.Passwords;
using Dockward.Core.Security.Users;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Login;

/// <summary>
/// Checks a user name and password: throttled per address and per account (locked after
/// <see cref="SecurityOptions.MaxFailedLogins"/> failures), the same answer and about the same time whether the
/// user exists or not, every attempt audited.
/// </summary>
internal sealed class LoginService(
    IUserStore users,
    PasswordHasher hasher,
    LoginThrottle throttle,
    AuditTrail audit,
    IOptions<SecurityOptions> options,
    TimeProvider clock)
{
    public async Task<LoginOutcome> LoginAsync(string userName, string password, string? address, CancellationToken cancellationToken)
    {
        var anonymous = Actor.Anonymous(address);
        if (throttle.AddressBlockedFor(address) is { } addressWait)
        {
            await audit.DeniedAsync(anonymous, "auth.login", userName, "too many failed logins from this address", cancellationToken);
            return LoginOutcome.Throttled(addressWait);
        }

        var user = UserNames.IsValid(userName) ? await users.FindByNameAsync(userName, cancellationToken) : null;
        if (user is null)
        {
            if (throttle.UnknownNameBlockedFor(userName) is { } nameWait)
            {
                await audit.DeniedAsync(anonymous, "auth.login", userName, "too many failed logins", cancellationToken);
                return LoginOutcome.Throttled(nameWait);
            }

            hasher.Burn(password);
            throttle.UnknownNameFailed(userName);
            throttle.AddressFailed(address);
            await audit.FailedAsync(anonymous, "auth.login", userName, "invalid credentials", cancellationToken);
            return LoginOutcome.Invalid;
        }

        var now = clock.GetUtcNow();
        if (user.LockedUntil > now)
        {
            await audit.DeniedAsync(anonymous, "auth.login", user.UserName, "account locked", cancellationToken);
            return LoginOutcome.Throttled(user.LockedUntil.Value - now);
        }

        var verification = user.PasswordHash.Length == 0 ? PasswordVerification.Failed : hasher.Verify(password, user.PasswordHash);
        if (verification == PasswordVerification.Failed)
        {
            await RecordFailureAsync(user, now, cancellationToken);
            throttle.AddressFailed(address);
            await audit.FailedAsync(anonymous, "auth.login", user.UserName, "invalid credentials", cancellationToken);
            return LoginOutcome.Invalid;
        }

        if (user.Disabled)
        {
            await audit.DeniedAsync(anonymous, "auth.login", user.UserName, "account disabled", cancellationToken);
            return LoginOutcome.Invalid;
        }

        var signedIn = user with
        {
            FailedLogins = 0,
            LockedUntil = null,
            LastLoginAt = now,
            PasswordHash = verification == PasswordVerification.SucceededRehashNeeded ? hasher.Hash(password) : user.PasswordHash,
        };
        try
        {
            signedIn = await users.UpdateAsync(signedIn, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Changed meanwhile (an admin edit, a parallel login): the login stands on the fresh record if it still may.
            signedIn = await users.GetAsync(user.Id, cancellationToken) is { Disabled: false } fresh && fresh.PasswordHash == user.PasswordHash
                ? fresh
                : null;
            if (signedIn is null)
            {
                return LoginOutcome.Invalid;
            }
        }

        await audit.SucceededAsync(Actor.User(user.UserName, address), "auth.login", user.UserName, null, cancellationToken);
        return LoginOutcome.Succeeded(signedIn);
    }

    private async Task RecordFailureAsync(UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var failures = user.FailedLogins + 1;
            var locked = failures >= options.Value.MaxFailedLogins;
            try
            {
                await users.UpdateAsync(user with
                {
                    FailedLogins = locked ? 0 : failures,
                    LockedUntil = locked ? now + options.Value.Lockout : user.LockedUntil,
                }, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Parallel guesses must each count: read again and add this one.
                user = await users.GetAsync(user.Id, cancellationToken) ?? user;
            }
        }
    }
}
