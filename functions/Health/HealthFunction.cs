using System.Reflection;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Health;

/// <summary>Liveness: the process answers. Never touches a dependency, so it stays fast.</summary>
internal sealed class HealthFunction(TimeProvider clock) : IHttpFunction
{
    internal static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Results.Json(new { status = "healthy", timestamp = clock.GetUtcNow(), version = Version }));
}
