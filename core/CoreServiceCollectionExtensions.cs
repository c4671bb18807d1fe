using Dockward.Core.Agents;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Providers;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Dockward.Core.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dockward.Core;

internal static class CoreServiceCollectionExtensions
{
    /// <summary>Registry checks and the registries' settings.</summary>
    public static IServiceCollection AddDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DetectionOptions>().Bind(configuration.GetSection(DetectionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DetectionOptions>, DetectionOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RegistryRequestCounter>();
        services.AddSingleton<RegistryTokenCache>();
        services.AddSingleton<RegistryFirstContact>();
        services.AddTransient<RegistryAuthHandler>();
        services.AddTransient<RegistryRetryHandler>();
        services.AddTransient<RegistryConcurrencyHandler>();
        services.AddRegistryProviders(configuration);
        services.AddSingleton<RegistryRateLimits>();
        services.AddTransient<RegistryRateLimitHandler>();
        services.AddTransient<RegistrySignInHandler>();
        // Timeouts are per call (DetectionOptions.RequestTimeoutSeconds), so the clients' own are off.
        services.AddHttpClient<RegistryTokenClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        // Outermost first: nothing sent to a registry that asked for a pause, the provider's credential (ECR: a
        // password bought with AWS keys), at most N requests per registry, each retried on a passing failure, each
        // attempt authenticated.
        services.AddHttpClient(RegistryApis.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<RegistryRateLimitHandler>()
            .AddHttpMessageHandler<RegistrySignInHandler>()
            .AddHttpMessageHandler<RegistryConcurrencyHandler>()
            .AddHttpMessageHandler<RegistryRetryHandler>()
            .AddHttpMessageHandler<RegistryAuthHandler>();
        services.AddSingleton<RegistryApis>();
        services.AddSingleton<ManifestIndexCache>();
        services.AddSingleton<Detection.Images.ImageDetailsCache>();
        services.AddTransient<RegistryClient>();
        services.AddTransient<RegistryScan>();
        return services;
    }

    /// <summary>Policies, update jobs and their dispatch to agents.</summary>
    public static IServiceCollection AddUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection(PolicyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PolicyResolver>();
        services.AddSingleton<UpdateRequester>();
        services.AddSingleton<JobDispatcher>();
        services.AddSingleton<JobDecisions>();
        services.AddTransient<ManualUpdates>();
        services.AddTransient<UpdateScheduler>();
        services.AddTransient<UpdatePreviewer>();
        return services;
    }

    /// <summary>Agent enrolment, authentication and inventory intake.</summary>
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentsOptions>().Bind(configuration.GetSection(AgentsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AgentEnrolment>();
        services.AddSingleton<InventoryIntake>();
        services.TryAddSingleton<Events.EventLog>();
        services.AddSingleton<Containers.ContainerCatalog>();
        services.AddSingleton<Containers.ContainerRegistrations>();
        return services;
    }
}
