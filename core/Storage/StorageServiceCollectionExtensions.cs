using Dockward.Core.Agents;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Registries;
using Dockward.Core.Rollouts;
using Dockward.Core.Scheduling;
using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Setup;
using Dockward.Core.Security.Users;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dockward.Core.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>State in Azure Table Storage (Azurite locally). PostgreSQL will plug in here, chosen from settings.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TableStorage>();
        services.AddSingleton<IStoreHealth, TableStoreHealth>();
        services.AddSingleton<IAgentStore, TableAgentStore>();
        services.AddSingleton<IContainerStore, TableContainerStore>();
        services.AddSingleton<IContainerManagementStore, TableContainerManagementStore>();
        services.AddSingleton<IImageCheckStore, TableImageCheckStore>();
        services.AddSingleton<TableUpdateJobStore>();
        services.AddSingleton<IUpdateJobStore>(sp => new EventPublishingJobStore(sp.GetRequiredService<TableUpdateJobStore>(), sp.GetRequiredService<EventLog>()));
        services.AddSingleton<IRolloutStore, TableRolloutStore>();
        services.AddSingleton<ITimerLeaseStore, TableTimerLeaseStore>();
        services.AddSingleton<IEnrolmentTokenStore, TableEnrolmentTokenStore>();
        services.AddSingleton<IUserStore, TableUserStore>();
        services.AddSingleton<ISessionStore, TableSessionStore>();
        services.AddSingleton<IApiTokenStore, TableApiTokenStore>();
        services.AddSingleton<ISetupTokenStore, TableSetupTokenStore>();
        services.AddSingleton<IRegistryStore, TableRegistryStore>();
        services.AddSingleton<IPolicyStore, TablePolicyStore>();
        services.AddSingleton<IAuditLog, TableAuditLog>();
        services.AddSingleton<IEventStore, TableEventStore>();
        services.AddSingleton<TimerLease>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
