using Dockward.Agent.Commands;
using Dockward.Agent.ControlPlane;
using Dockward.Agent.Docker;
using Dockward.Agent.Inventory;
using Dockward.Agent.Jobs;
using Dockward.Agent.Journal;
using Dockward.Agent.SelfUpdate;
using Dockward.Agent.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace Dockward.Agent;

internal static class AgentHostBuilderExtensions
{
    /// <summary>
    /// The whole agent: settings, logging, the Docker engine, the control-plane client and, unless
    /// <paramref name="workers"/> is false (swap mode, in a self-update's helper), the workers.
    /// </summary>
    public static HostApplicationBuilder AddAgent(this HostApplicationBuilder builder, bool workers = true)
    {
        builder.Configuration.AddEnvironmentVariables("DOCKWARD_");
        builder.Services.AddOptions<AgentOptions>().Bind(builder.Configuration.GetSection(AgentOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        // An update being rolled back when the agent is asked to stop gets time to finish (the rollback is bounded to 2 minutes).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(3));
        UseSerilog(builder);

        // The API version is negotiated with the engine once, when the first worker needs it.
        builder.Services.AddSingleton(sp => DockerEngine.ConnectWaiting(
            sp.GetRequiredService<IOptions<AgentOptions>>().Value.DockerEndpoint,
            TimeSpan.FromMinutes(2),
            message => sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DockerEngine)).LogWarning("{Problem}", message)));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<EngineConnection>().Client);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<EngineConnection>().Api);
        builder.Services.AddControlPlane();
        builder.Services.AddSingleton<InventoryCollector>();
        builder.Services.AddSingleton<StatsSampler>();
        builder.Services.AddSingleton<UpdatesInProgress>();
        builder.Services.AddSingleton<ContainerLogReader>();
        builder.Services.AddSingleton<CommandExecutor>();
        builder.Services.AddSingleton<UpdateJournal>();
        builder.Services.AddSingleton<JobDelivery>();
        builder.Services.AddSingleton<ContainerUpdater>();
        builder.Services.AddSingleton<UpdateRollback>();
        builder.Services.AddSingleton<UpdateRecovery>();
        builder.Services.AddSingleton<NamespaceDependents>();
        builder.Services.AddSingleton<HealthGate>();
        builder.Services.AddSingleton<HookRunner>();
        builder.Services.AddSingleton<AliasSwitch>();
        builder.Services.AddSingleton<ImagePruner>();
        builder.Services.AddSingleton(_ => OwnContainer.Detect());
        builder.Services.AddSingleton<SelfUpdateHandOver>();
        builder.Services.AddSingleton<SwapCommand>();
        if (!workers)
        {
            return builder;
        }

        builder.Services.AddHostedService<InventoryReporter>();
        builder.Services.AddHostedService<JobRunner>();
        builder.Services.AddHostedService<CommandLoop>();
        return builder;
    }

    private static void UseSerilog(HostApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration["Logs:Format"], "json", StringComparison.OrdinalIgnoreCase);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", "dockward-agent");
        logger = json
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // A plain provider: Serilog's AddSerilog adds a Trace rule for itself that would override the filters above.
        builder.Logging.AddProvider(new Serilog.Extensions.Logging.SerilogLoggerProvider(logger.CreateLogger(), dispose: true));
    }
}
