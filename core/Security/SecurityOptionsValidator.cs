using Dockward.Core.Security.Passwords;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security;

/// <summary>Checks <see cref="SecurityOptions.AdminPassword"/> against the password policy at start, so a weak one stops the host.</summary>
internal sealed class SecurityOptionsValidator(PasswordPolicy policy) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        options.AdminPassword is { Length: > 0 } password && policy.FirstProblem(password, options.AdminUserName) is { } problem
            ? ValidateOptionsResult.Fail($"Security:AdminPassword (env DOCKWARD_SECURITY__ADMINPASSWORD) is not acceptable: {problem}")
            : ValidateOptionsResult.Success;
}
