using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Secrets;

internal static class SecretsServiceCollectionExtensions
{
    /// <summary>Master keys from <c>Security</c> (validated at start) and the protector that encrypts secrets at rest.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>());
        services.TryAddSingleton(provider => MasterKeyRing.From(provider.GetRequiredService<IOptions<SecretsOptions>>().Value));
        services.TryAddSingleton<SecretProtector>();
        return services;
    }
}
