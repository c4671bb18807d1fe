using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dockward.Core.Security.Passwords;

internal static class PasswordsServiceCollectionExtensions
{
    /// <summary>Password hashing (Argon2id) and the policy for choosing passwords.</summary>
    public static IServiceCollection AddPasswords(this IServiceCollection services)
    {
        services.TryAddSingleton<PasswordHasher>();
        services.TryAddSingleton<CommonPasswords>();
        services.TryAddSingleton<PasswordPolicy>();
        return services;
    }
}
