using Dockward.Core.Scheduling;
using Dockward.Functions.Security;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Hosting;

internal static class FunctionHostBuilderExtensions
{
    /// <summary>Registers every function of the catalog, its trigger and the invoker; bad schedules fail here, naming their key.</summary>
    public static WebApplicationBuilder AddFunctions(this WebApplicationBuilder builder, Action<FunctionRegistry> catalog)
    {
        var registry = new FunctionRegistry();
        catalog(registry);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddProblemDetails();

        foreach (var route in registry.Routes)
        {
            builder.Services.AddScoped(route.FunctionType);
        }

        foreach (var timer in registry.Timers)
        {
            var schedule = TimerSchedule.Parse(timer.ScheduleKey, builder.Configuration[timer.ScheduleKey]);
            builder.Services.AddScoped(timer.FunctionType);
            builder.Services.AddSingleton<IHostedService>(sp => new TimerFunctionRunner(
                timer,
                schedule,
                sp,
                sp.GetRequiredService<TimerLease>(),
                sp.GetRequiredService<FunctionInvoker>(),
                sp.GetRequiredService<IOptions<FunctionHostOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<TimerFunctionRunner>>()));
        }

        return builder;
    }

    /// <summary>Maps every HTTP function to its route through the invoker.</summary>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<FunctionRegistry>();
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();
        foreach (var route in registry.Routes)
        {
            var endpoint = app.MapMethods(route.Route, [route.Method], (HttpContext context) => invoker.InvokeHttpAsync(context, route))
                .WithName(route.Name)
                .WithMetadata(route.Access);
            _ = route.Access == Access.Anonymous ? endpoint.AllowAnonymous() : endpoint.RequireAuthorization(AuthSchemes.PolicyFor(route.Access));
        }

        return app;
    }
}
