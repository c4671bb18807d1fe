using Dockward.Agent;
using Dockward.Agent.Docker;
using Dockward.Agent.SelfUpdate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

try
{
    // "swap <jobId>": the helper container of a self-update (see SelfUpdateHandOver).
    var swapJob = args is [SelfUpdateHandOver.SwapArgument, var jobId, ..] ? jobId : null;
    var builder = Host.CreateApplicationBuilder(swapJob is null ? args : args[2..]);
    builder.AddAgent(workers: swapJob is null);
    using var host = builder.Build();
    // Validate every setting before the host starts, so a bad one is one clear line, not a logged stack trace.
    host.Services.GetRequiredService<IStartupValidator>().Validate();
    if (swapJob is not null)
    {
        return await SwapCommand.RunAsync(host.Services, swapJob);
    }

    await host.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationError.Describe(e) is { } message)
{
    await Console.Error.WriteLineAsync($"dockward-agent: configuration error: {message}");
    return 2;
}
catch (EngineNotSupportedException e)
{
    await Console.Error.WriteLineAsync($"dockward-agent: {e.Message}");
    return 3;
}
