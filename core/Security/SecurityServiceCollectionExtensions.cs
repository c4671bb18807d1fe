using Dockward.Core.Audit;
using Dockward.Core.Registries;
using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Security.Login;
using Dockward.Core.Security.Passwords;
using Dockward.Core.Security.Secrets;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Setup;
using Dockward.Core.Security.Tokens;
using Dockward.Core.Security.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security;

internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Users, logins, sessions, tokens, encrypted secrets and the audit trail.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSecrets(configuration);
        services.AddPasswords();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AccountLockout>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton<RegistryCredentials>();
        services.AddSingleton<ISecretHolder>(sp => sp.GetRequiredService<RegistryCredentials>());
        services.AddSingleton<KeyRotation>();
        return services;
    }
}
