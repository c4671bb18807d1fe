using Dockward.Core.Audit;
using Dockward.Core.Security.Login;
using Dockward.Core.Security.Passwords;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Storage;

namespace Dockward.Core.Security.Users;

/// <summary>
/// Creates and changes users. Whatever should end a user's sessions (password, role, disabling) changes the
/// security stamp and revokes them; the last enabled admin can be neither demoted nor disabled.
/// </summary>
internal sealed class UserAccounts(
    IUserStore users,
    PasswordHasher hasher,
    PasswordPolicy policy,
    AccountLockout lockout,
    SessionService sessions,
    AuditTrail audit,
    TimeProvider clock)
{
    public async Task<(UserRecord? User, Refusal? Refusal)> CreateAsync(
        string userName, string password, Role role, Actor actor, CancellationToken cancellationToken)
    {
        if (!UserNames.IsValid(userName))
        {
            return (null, Refusal.Invalid("userName must be 3 to 64 letters, digits, '.', '_', '-' or '@'."));
        }

        if (policy.FirstProblem(password, userName) is { } problem)
        {
            return (null, Refusal.Invalid(problem));
        }

        try
        {
            var user = await users.AddAsync(new UserRecord(
                Guid.NewGuid().ToString("N"), userName, hasher.Hash(password), role, false, 0, null, NewStamp(), clock.GetUtcNow(), null),
                cancellationToken);
            await audit.SucceededAsync(actor, "user.create", user.UserName, $"role {Name(role)}", cancellationToken);
            return (user, null);
        }
        catch (ConcurrencyConflictException)
        {
            return (null, Refusal.Conflict($"A user named '{userName}' exists."));
        }
    }

    /// <summary>Changes role and/or the disabled flag; <paramref name="version"/> guards against lost updates.</summary>
    public async Task<(UserRecord? User, Refusal? Refusal)> ChangeAsync(
        string userId, Role? role, bool? disabled, string? version, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(userId, cancellationToken) is not { } user)
        {
            return (null, Refusal.NotFound($"No user '{userId}'."));
        }

        if (version is not null && version != user.Version)
        {
            return (null, Refusal.Conflict("The user changed since it was read; read it again and retry."));
        }

        var changed = user with { Role = role ?? user.Role, Disabled = disabled ?? user.Disabled };
        if (changed.Role == user.Role && changed.Disabled == user.Disabled)
        {
            return (user, null);
        }

        var demotesAnAdmin = user is { Role: Role.Admin, Disabled: false } && (changed.Role != Role.Admin || changed.Disabled);
        if (demotesAnAdmin && !await AnotherEnabledAdminAsync(user.Id, cancellationToken))
        {
            return (null, Refusal.Conflict("This is the last enabled admin: make another user admin first."));
        }

        var saved = await users.UpdateAsync(changed with { SecurityStamp = NewStamp() }, cancellationToken);
        if (demotesAnAdmin && !await AnotherEnabledAdminAsync(user.Id, cancellationToken))
        {
            // Two admins demoting each other at once both passed the check above: undo this one.
            await users.UpdateAsync(saved with { Role = user.Role, Disabled = user.Disabled }, cancellationToken);
            return (null, Refusal.Conflict("This is the last enabled admin: make another user admin first."));
        }

        await sessions.EndAllAsync(user.Id, "user changed by an admin", cancellationToken);
        var what = string.Join(", ", new[]
        {
            changed.Role != user.Role ? $"role {Name(user.Role)} → {Name(changed.Role)}" : null,
            changed.Disabled != user.Disabled ? (changed.Disabled ? "disabled" : "enabled") : null,
        }.Where(part => part is not null));
        await audit.SucceededAsync(actor, changed.Disabled && !user.Disabled ? "user.disable" : "user.update", user.UserName, what, cancellationToken);
        return (saved, null);
    }

    /// <summary>Sets a new password (an admin's reset, or the user's own change after checking the current one).</summary>
    public async Task<(UserRecord? User, Refusal? Refusal)> SetPasswordAsync(
        string userId, string? currentPassword, string newPassword, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(userId, cancellationToken) is not { } user)
        {
            return (null, Refusal.NotFound($"No user '{userId}'."));
        }

        if (policy.FirstProblem(newPassword, user.UserName) is { } problem)
        {
            return (null, Refusal.Invalid(problem));
        }

        if (currentPassword is not null)
        {
            // Proving the current password is a login attempt: counted and locked like one, so a stolen access
            // token cannot be used to guess the password without limit.
            var (counted, lockedFor) = await lockout.BeginAttemptAsync(user, cancellationToken);
            if (counted is null)
            {
                await audit.DeniedAsync(actor, "user.password", user.UserName, "account locked", cancellationToken);
                return (null, Refusal.Forbidden($"Too many wrong passwords; the account is locked for {Math.Ceiling(lockedFor?.TotalMinutes ?? 1)} min."));
            }

            if (hasher.Verify(currentPassword, counted.PasswordHash) == PasswordVerification.Failed)
            {
                await audit.FailedAsync(actor, "user.password", user.UserName, "current password wrong", cancellationToken);
                return (null, Refusal.Forbidden("The current password is wrong."));
            }

            user = await lockout.SucceededAsync(counted, u => u, cancellationToken) ?? user;
        }

        var saved = await users.UpdateAsync(user with { PasswordHash = hasher.Hash(newPassword), SecurityStamp = NewStamp(), FailedLogins = 0, LockedUntil = null }, cancellationToken);
        await sessions.EndAllAsync(user.Id, "password changed", cancellationToken);
        await audit.SucceededAsync(actor, "user.password", user.UserName, currentPassword is null ? "reset by an admin" : "changed by the user", cancellationToken);
        return (saved, null);
    }

    /// <summary>Clears a lockout and the failed-login count.</summary>
    public async Task<(UserRecord? User, Refusal? Refusal)> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(userId, cancellationToken) is not { } user)
        {
            return (null, Refusal.NotFound($"No user '{userId}'."));
        }

        var saved = await users.UpdateAsync(user with { FailedLogins = 0, LockedUntil = null }, cancellationToken);
        await audit.SucceededAsync(actor, "user.unlock", user.UserName, null, cancellationToken);
        return (saved, null);
    }

    private async Task<bool> AnotherEnabledAdminAsync(string userId, CancellationToken cancellationToken) =>
        (await users.ListAsync(cancellationToken)).Any(u => u.Id != userId && u is { Role: Role.Admin, Disabled: false });

    private static string NewStamp() => SecretTokens.NewId();

    private static string Name(Role role) => role.ToString().ToLowerInvariant();
}
