using Microsoft.Extensions.DependencyInjection;

namespace Dockward.Core.Rollouts;

internal static class RolloutsServiceCollectionExtensions
{
    /// <summary>Group rollouts: planning them and the conductor a timer drives (the store comes with <c>AddStorage</c>).</summary>
    public static IServiceCollection AddRollouts(this IServiceCollection services)
    {
        services.AddSingleton<RolloutMembers>();
        services.AddSingleton<RolloutHalt>();
        services.AddSingleton<RolloutPlanner>();
        services.AddSingleton<RolloutConductor>();
        return services;
    }
}
