using Dockward.Core.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dockward.Core.Settings;

internal static class SettingsServiceCollectionExtensions
{
    /// <summary>System settings an admin changes at run time, stored for every instance.</summary>
    public static IServiceCollection AddSystemSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISettingsStore, TableSettingsStore>();
        services.AddSingleton<SystemSettings>();
        return services;
    }
}
