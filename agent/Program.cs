using Dockward.Agent;
using Dockward.Agent.Docker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddAgent();
    using var host = builder.Build();
    // Validate every setting before the host starts, so a bad one is one clear line, not a logged stack trace.
    host.Services.GetRequiredService<IStartupValidator>().Validate();
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
