using Dockward.Functions.Hosting;
using Dockward.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dockward.Functions.Tests.Hosting;

/// <summary>
/// The function host's HTTP side in this process, on Kestrel on a free port: the real registry, invoker and
/// route mapping, with a catalog of test functions instead of the app's.
/// </summary>
internal sealed class InProcessFunctionHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private InProcessFunctionHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public static async Task<InProcessFunctionHost> StartAsync(
        Action<FunctionRegistry> catalog, TimeSpan functionTimeout, Action<IServiceCollection>? services = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.Configure<FunctionHostOptions>(o => o.FunctionTimeout = functionTimeout);
        services?.Invoke(builder.Services);
        builder.AddFunctions(catalog);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new InProcessFunctionHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
