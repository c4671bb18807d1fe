using Dockward.Core;
using Dockward.Core.Commands;
using Dockward.Core.Events;
using Dockward.Core.Rollouts;
using Dockward.Core.Security;
using Dockward.Core.Settings;
using Dockward.Core.Storage;
using Dockward.Core.Webhooks;
using Dockward.Functions;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

if (args is ["generate-key"])
{
    return KeyCommands.Generate();
}

return await FunctionHost.RunAsync(args, builder =>
{
    builder.Services
        .AddStorage(builder.Configuration)
        .AddSecurity(builder.Configuration)
        .AddDetection(builder.Configuration)
        .AddUpdates(builder.Configuration)
        .AddAgents(builder.Configuration)
        .AddEvents(builder.Configuration)
        .AddSystemSettings(builder.Configuration)
        .AddRollouts()
        .AddWebhooks(builder.Configuration)
        .AddCommands(builder.Configuration)
        .AddHostedService<FirstRunService>();
    builder.AddHostSecurity();
    builder.AddFunctions(FunctionCatalog.Register);
}, commands: new() { ["rotate-key"] = KeyCommands.RotateAsync });

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
