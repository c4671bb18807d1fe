using System.ComponentModel.DataAnnotations;
using Dockward.Core.Security.Users;

namespace Dockward.Core.Security;

/// <summary>Users, logins, sessions and tokens. Bound from <c>Security</c> (env <c>DOCKWARD_SECURITY__*</c>).</summary>
internal sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>The first admin's user name, when <see cref="AdminPassword"/> creates it on first run.</summary>
    [RegularExpression(UserNames.Pattern, ErrorMessage = "Security:AdminUserName must be 3 to 64 letters, digits, '.', '_', '-' or '@'.")]
    public string AdminUserName { get; set; } = "admin";

    /// <summary>Creates the first admin on first run (no users yet). Unset: a one-time setup token is logged instead.</summary>
    public string? AdminPassword { get; set; }

    [Range(1, 15, ErrorMessage = "Security:AccessTokenMinutes must be between 1 and 15.")]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long a login lasts at most (refresh tokens stop working then).</summary>
    [Range(1, 720, ErrorMessage = "Security:SessionHours must be between 1 and 720.")]
    public int SessionHours { get; set; } = 12;

    /// <summary>Consecutive failed logins after which an account is locked.</summary>
    [Range(3, 20, ErrorMessage = "Security:MaxFailedLogins must be between 3 and 20.")]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "Security:LockoutMinutes must be between 1 and 1440.")]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Failed logins from one address within <see cref="LockoutMinutes"/> after which that address is refused.</summary>
    [Range(5, 1000, ErrorMessage = "Security:MaxFailedLoginsPerAddress must be between 5 and 1000.")]
    public int MaxFailedLoginsPerAddress { get; set; } = 20;

    [Range(1, 168, ErrorMessage = "Security:SetupTokenHours must be between 1 and 168.")]
    public int SetupTokenHours { get; set; } = 24;

    /// <summary>Default lifetime of an agent enrolment token; an admin may ask for less, never more than a day.</summary>
    [Range(1, 1440, ErrorMessage = "Security:EnrolmentTokenMinutes must be between 1 and 1440.")]
    public int EnrolmentTokenMinutes { get; set; } = 60;

    [Range(30, 3650, ErrorMessage = "Security:AuditRetentionDays must be between 30 and 3650.")]
    public int AuditRetentionDays { get; set; } = 90;

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan SessionLifetime => TimeSpan.FromHours(SessionHours);

    public TimeSpan Lockout => TimeSpan.FromMinutes(LockoutMinutes);
}
