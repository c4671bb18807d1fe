using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dockward.Core.Detection.Providers;

internal static class RegistryProviderServiceCollectionExtensions
{
    /// <summary>Every registry provider. Adding a registry: one file beside these, one line here.</summary>
    public static IServiceCollection AddRegistryProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IRegistryProvider, DockerHubProvider>();
        services.AddSingleton<IRegistryProvider, GhcrProvider>();
        services.AddSingleton<IRegistryProvider, QuayProvider>();
        services.AddSingleton<IRegistryProvider, GitLabProvider>();
        services.AddSingleton<IRegistryProvider, HarborProvider>();
        services.AddSingleton<IRegistryProvider, NexusProvider>();
        services.AddSingleton<IRegistryProvider, EcrProvider>();
        services.AddSingleton<IRegistryProvider, AcrProvider>();
        services.AddSingleton<IRegistryProvider, AliyunAcrProvider>();
        services.AddSingleton<IRegistryProvider, GenericRegistryProvider>();
        services.AddSingleton<RegistryProviders>();
        services.AddOptions<EcrOptions>().Bind(configuration.GetSection(DetectionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The ECR API client; timeouts are per call (DetectionOptions.RequestTimeoutSeconds).
        services.AddHttpClient(EcrProvider.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
