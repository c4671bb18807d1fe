using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dockward.Core.Events;

internal static class EventsServiceCollectionExtensions
{
    /// <summary>Live events: published through the store, read by this instance's one feed.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EventLog>();
        services.AddSingleton<EventFeed>();
        services.AddHostedService<EventFeedRunner>();
        return services;
    }
}
