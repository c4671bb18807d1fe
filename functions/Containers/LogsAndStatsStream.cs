using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Dockward.Functions.Containers;

/// <summary>
/// A <c>text/event-stream</c> response for following logs and live stats: unbuffered, each event flushed as written,
/// kept open until the client goes away (the function's timeout does not apply: see <see cref="Lifetime"/>).
/// </summary>
internal sealed class LogsAndStatsStream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reverse proxies and idle timeouts drop a silent connection; a comment line this often keeps it open.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly HttpResponse response;
    private DateTimeOffset lastWrite = DateTimeOffset.UtcNow;

    private LogsAndStatsStream(HttpResponse response) => this.response = response;

    /// <summary>
    /// Ends when the client disconnects or the host stops, not at the function timeout (host.json functionTimeout bounds
    /// a request's work, and a followed log is not work that finishes).
    /// </summary>
    public static CancellationTokenSource Lifetime(HttpContext context) =>
        CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

    public static async Task<LogsAndStatsStream> StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx would otherwise hold events back
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);
        return new LogsAndStatsStream(response);
    }

    /// <summary>One event: <c>event: {type}</c> and the data as one line of JSON.</summary>
    public async Task WriteAsync(string type, object data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {type}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        lastWrite = DateTimeOffset.UtcNow;
    }

    /// <summary>A comment line when nothing was written for a while.</summary>
    public async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - lastWrite >= KeepAlive)
        {
            await response.WriteAsync(": keep-alive\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            lastWrite = DateTimeOffset.UtcNow;
        }
    }
}
