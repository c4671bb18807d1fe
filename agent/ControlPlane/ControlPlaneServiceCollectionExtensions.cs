using Dockward.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace Dockward.Agent.ControlPlane;

internal static class ControlPlaneServiceCollectionExtensions
{
    /// <summary>The Refit client for the control plane, with the agent's credential and bounded calls.</summary>
    public static IServiceCollection AddControlPlane(this IServiceCollection services)
    {
        services.AddSingleton<AgentSession>();
        services.AddTransient<AgentCredentialHandler>();
        services.AddRefitGeneratedClient<IControlPlaneApi>()
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
                client.BaseAddress = new Uri(options.ControlPlaneUrl);
                // A long poll holds the request for JobWaitSeconds; anything past that plus a margin is a dead connection.
                client.Timeout = TimeSpan.FromSeconds(options.JobWaitSeconds + 30);
            })
            .AddHttpMessageHandler<AgentCredentialHandler>();
        return services;
    }
}
