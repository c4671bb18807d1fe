using Dockward.Core.Containers.Stats;
using Dockward.Core.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dockward.Core.Commands;

internal static class CommandsServiceCollectionExtensions
{
    /// <summary>Commands relayed to agents (container actions, logs, stats samples) and the containers' stats history.</summary>
    public static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandsOptions>().Bind(configuration.GetSection(CommandsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StatsOptions>().Bind(configuration.GetSection(StatsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAgentCommandStore, TableAgentCommandStore>();
        services.AddSingleton<IStatsStore, TableStatsStore>();
        services.AddSingleton<CommandRelay>();
        services.AddSingleton<StatsHistory>();
        services.AddTransient<ContainerActions>();
        services.AddTransient<ContainerReads>();
        return services;
    }
}
