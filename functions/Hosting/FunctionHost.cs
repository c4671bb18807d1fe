using Dockward.Functions.Security;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace Dockward.Functions.Hosting;

/// <summary>
/// The function host: ASP.NET Core configured from host.json and <c>DOCKWARD_*</c> environment variables,
/// with Serilog, the functions of <see cref="FunctionRegistry"/>, and start-up errors turned into one clear line.
/// </summary>
internal static class FunctionHost
{
    public const int ConfigurationErrorExitCode = 2;

    /// <param name="commands">One-shot commands (first argument) run with the app's services instead of serving, e.g. <c>rotate-key</c>.</param>
    public static async Task<int> RunAsync(
        string[] args,
        Action<WebApplicationBuilder> configure,
        Dictionary<string, Func<IServiceProvider, CancellationToken, Task<int>>>? commands = null)
    {
        if (args is ["healthcheck"])
        {
            return await HealthProbe.RunAsync();
        }

        var command = args.Length > 0 && commands?.GetValueOrDefault(args[0]) is { } found ? found : null;
        if (command is not null)
        {
            args = args[1..];
        }

        try
        {
            var builder = WebApplication.CreateBuilder(args);
            builder.Configuration.Sources.Clear();
            builder.Configuration
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false)
                .AddEnvironmentVariables("ASPNETCORE_")
                .AddEnvironmentVariables("DOCKWARD_")
                .AddCommandLine(args);
            builder.Services.AddOptions<FunctionHostOptions>()
                .Bind(builder.Configuration)
                .Validate(o => o.FunctionTimeout > TimeSpan.Zero && o.FunctionTimeout <= TimeSpan.FromDays(1),
                    "functionTimeout (host.json, env DOCKWARD_FUNCTIONTIMEOUT) must be a duration from 00:00:01 to 1.00:00:00, e.g. 00:05:00.")
                .ValidateOnStart();
            // A function whose dependencies are not registered fails the start, not its first request.
            builder.Host.UseDefaultServiceProvider(provider => provider.ValidateOnBuild = provider.ValidateScopes = true);
            UseSerilog(builder);
            configure(builder);

            await using var app = builder.Build();
            // Every setting is checked before the host starts: a bad one is one clear line, not a logged stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            if (command is not null)
            {
                return await command(app.Services, CancellationToken.None);
            }

            app.UseHostSecurity();
            app.MapFunctions();
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (ConfigurationError.Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"dockward: configuration error: {message}");
            return ConfigurationErrorExitCode;
        }
    }

    private static void UseSerilog(WebApplicationBuilder builder)
    {
        // Microsoft's filters (host.json "logging.logLevel") decide what is logged; Serilog decides how it is written.
        var json = string.Equals(builder.Configuration["Logs:Format"], "json", StringComparison.OrdinalIgnoreCase);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", "dockward-functions");
        logger = json
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("logging"));
        // A plain provider: Serilog's AddSerilog adds a Trace rule for itself that would override the filters above.
        builder.Logging.AddProvider(new Serilog.Extensions.Logging.SerilogLoggerProvider(logger.CreateLogger(), dispose: true));
    }
}
