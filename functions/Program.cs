using Dockward.Core;
using Dockward.Core.Storage;
using Dockward.Functions;
using Dockward.Functions.Agents;
using Dockward.Functions.Hosting;

return await FunctionHost.RunAsync(args, builder =>
{
    builder.Services
        .AddStorage(builder.Configuration)
        .AddDetection(builder.Configuration)
        .AddUpdates(builder.Configuration)
        .AddAgents(builder.Configuration)
        .AddSingleton<AgentCaller>();
    builder.AddFunctions(FunctionCatalog.Register);
});

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
