using Dockward.Core.Audit;
using Dockward.Core.Security.Users;
using Dockward.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Setup;

/// <summary>
/// There is no default password. On first run (no users) the first admin comes from
/// <see cref="SecurityOptions.AdminPassword"/> when set; otherwise a one-time setup token is written to the log,
/// and whoever has it sets the admin's name and password through <c>POST /api/auth/setup</c>.
/// </summary>
internal sealed class FirstRunSetup(
    IUserStore users,
    ISetupTokenStore setupTokens,
    UserAccounts accounts,
    AuditTrail audit,
    IOptions<SecurityOptions> options,
    TimeProvider clock,
    ILogger<FirstRunSetup> logger)
{
    public const string Prefix = "dws";

    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }

        if (options.Value.AdminPassword is { Length: > 0 } password)
        {
            var (user, refusal) = await accounts.CreateAsync(options.Value.AdminUserName, password, Role.Admin, Actor.System, cancellationToken);
            if (user is not null)
            {
                logger.LogInformation("Created the first admin {UserName} from Security:AdminPassword", user.UserName);
            }
            else if (refusal?.Kind != RefusalKind.Conflict)
            {
                // The options validator checks the password at start, so this is another instance's race or a bug.
                logger.LogError("Could not create the first admin: {Reason}", refusal?.Message);
            }

            return;
        }

        var secret = SecretTokens.NewSecret();
        var now = clock.GetUtcNow();
        var expires = now + TimeSpan.FromHours(options.Value.SetupTokenHours);
        await setupTokens.SetAsync(new SetupTokenRecord(SecretTokens.Hash(secret), now, expires), cancellationToken);
        // The one secret Dockward ever logs, on purpose: it is how the operator proves they run this instance.
        logger.LogWarning(
            "No user exists yet. Create the first admin with this one-time setup token (valid until {ExpiresAt:u}): {SetupToken} " +
            "— POST /api/auth/setup {{\"setupToken\":\"…\",\"userName\":\"…\",\"password\":\"…\"}}.",
            expires, $"{Prefix}_{secret}");
    }

    /// <summary>Creates the first admin with the setup token; refused once any user exists.</summary>
    public async Task<(UserRecord? User, Refusal? Refusal)> CompleteAsync(
        string setupToken, string userName, string password, string? address, CancellationToken cancellationToken)
    {
        var actor = Actor.Anonymous(address);
        if (await users.AnyAsync(cancellationToken))
        {
            return (null, Refusal.Conflict("Dockward is already set up; sign in instead."));
        }

        var stored = await setupTokens.GetAsync(cancellationToken);
        var secret = setupToken.StartsWith(Prefix + "_", StringComparison.Ordinal) ? setupToken[(Prefix.Length + 1)..] : "";
        if (stored is null || secret.Length == 0 || !SecretTokens.Matches(secret, stored.SecretHash) || stored.ExpiresAt <= clock.GetUtcNow())
        {
            await audit.DeniedAsync(actor, "auth.setup", userName, "wrong or expired setup token", cancellationToken);
            return (null, Refusal.Unauthorized("The setup token is wrong or expired; restart the control plane for a new one."));
        }

        if (!await setupTokens.DeleteAsync(stored.Version!, cancellationToken))
        {
            return (null, Refusal.Conflict("The setup token was used or replaced meanwhile."));
        }

        var (user, refusal) = await accounts.CreateAsync(userName, password, Role.Admin, actor, cancellationToken);
        if (user is null)
        {
            // Bad name or password: put the token back so the operator can try again without a restart.
            await setupTokens.SetAsync(stored with { Version = null }, cancellationToken);
            return (null, refusal);
        }

        await audit.SucceededAsync(actor, "auth.setup", user.UserName, "first admin created", cancellationToken);
        return (user, null);
    }
}
