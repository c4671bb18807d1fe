using Dockward.Core.Security.Secrets;
using Dockward.Core.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dockward.Core.Webhooks;

internal static class WebhooksServiceCollectionExtensions
{
    /// <summary>Registry push webhooks: one parser per source, the providers' secrets, the debounced hints and their runner.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection(WebhooksOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWebhookParser, DockerHubWebhookParser>();
        services.AddSingleton<IWebhookParser, HarborWebhookParser>();
        services.AddSingleton<IWebhookParser, GitHubWebhookParser>();
        services.AddSingleton<IWebhookParser, QuayWebhookParser>();
        services.AddSingleton<IWebhookParser, AcrWebhookParser>();
        services.AddSingleton<IWebhookParser, DistributionWebhookParser>();
        services.AddSingleton<IWebhookParser, GenericWebhookParser>();
        services.AddSingleton<WebhookProviders>();
        services.AddSingleton<IWebhookSecretStore, TableWebhookSecretStore>();
        services.AddSingleton<IWebhookHintStore, TableWebhookHintStore>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<ISecretHolder>(sp => sp.GetRequiredService<WebhookSecrets>());
        services.AddSingleton<WebhookWakeUps>();
        services.AddSingleton<WebhookHints>();
        services.AddSingleton<WebhookIntake>();
        services.AddHostedService<WebhookCheckRunner>();
        return services;
    }
}
