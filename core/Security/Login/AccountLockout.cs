using Dockward.Core.Security.Users;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Login;

/// <summary>
/// Counts password attempts on an account before the password is checked, so parallel guesses cannot all slip in
/// under the limit: each attempt first stores one more failure (locking the account at
/// <see cref="SecurityOptions.MaxFailedLogins"/>), and only a correct password takes it back.
/// </summary>
internal sealed class AccountLockout(IUserStore users, IOptions<SecurityOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Records an attempt on <paramref name="user"/>. Returns the stored user to verify against, or how long the
    /// account stays locked (it was locked already, or another attempt locked it meanwhile).
    /// </summary>
    public async Task<(UserRecord? User, TimeSpan? LockedFor)> BeginAttemptAsync(UserRecord user, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = clock.GetUtcNow();
            if (user.LockedUntil > now)
            {
                return (null, user.LockedUntil.Value - now);
            }

            var failures = user.FailedLogins + 1;
            var locks = failures >= options.Value.MaxFailedLogins;
            try
            {
                var counted = await users.UpdateAsync(user with
                {
                    FailedLogins = locks ? 0 : failures,
                    LockedUntil = locks ? now + options.Value.Lockout : null,
                }, cancellationToken);
                // The attempt that reaches the limit is still checked; the lock applies to the ones after it.
                return (counted, null);
            }
            catch (ConcurrencyConflictException)
            {
                user = await users.GetAsync(user.Id, cancellationToken) ?? user;
            }
        }

        return (null, options.Value.Lockout);
    }

    /// <summary>A correct password: the attempt is taken back and the count cleared; null when the account changed so that it may not sign in.</summary>
    public async Task<UserRecord?> SucceededAsync(UserRecord counted, Func<UserRecord, UserRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                return await users.UpdateAsync(change(counted with { FailedLogins = 0, LockedUntil = null }), cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Changed meanwhile (an admin edit, a parallel attempt): succeed only on a record that still allows it.
                if (await users.GetAsync(counted.Id, cancellationToken) is not { Disabled: false } fresh
                    || fresh.PasswordHash != counted.PasswordHash || fresh.LockedUntil > clock.GetUtcNow())
                {
                    return null;
                }

                counted = fresh;
            }
        }

        return null;
    }
}
