using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Dockward.Functions.Hosting;

/// <summary>
/// A <c>text/event-stream</c> response (WHATWG HTML, server-sent events) for an <see cref="IStreamingHttpFunction"/>:
/// unbuffered, each event flushed as written, so a client sees it as it happens rather than when a buffer fills.
/// </summary>
internal sealed class ServerSentEventStream
{
    /// <summary>Reverse proxies and idle timeouts drop a silent connection; a comment at least this often keeps it open.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpResponse response;
    private readonly TimeProvider clock;
    private DateTimeOffset lastWrite;

    private ServerSentEventStream(HttpResponse response, TimeProvider clock)
    {
        this.response = response;
        this.clock = clock;
        lastWrite = clock.GetUtcNow();
    }

    /// <summary>
    /// Starts the response: its headers go out now, with a reconnection delay and a comment, so the client knows the
    /// stream is open before the first event.
    /// </summary>
    public static async Task<ServerSentEventStream> StartAsync(HttpContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Reverse proxies (nginx) would otherwise hold events back until their buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        var stream = new ServerSentEventStream(response, clock);
        await stream.WriteAsync("retry: 3000\n: connected\n\n", cancellationToken);
        return stream;
    }

    /// <summary>One event of <paramref name="type"/> whose data is <paramref name="data"/> serialized as one line of JSON.</summary>
    public Task EventAsync(string type, object data, CancellationToken cancellationToken) =>
        EventAsync(null, type, JsonSerializer.Serialize(data, Json), cancellationToken);

    /// <summary>One event: its <c>id</c> (resumable with <c>Last-Event-ID</c>) when given, its type and its data.</summary>
    /// <param name="json">One line of JSON (a serializer escapes line breaks inside strings).</param>
    public Task EventAsync(string? id, string type, string json, CancellationToken cancellationToken) =>
        WriteAsync(id is null ? $"event: {type}\ndata: {json}\n\n" : $"id: {id}\nevent: {type}\ndata: {json}\n\n", cancellationToken);

    /// <summary>A comment line: ignored by clients, it keeps proxies and the connection from idling out.</summary>
    public Task CommentAsync(string text, CancellationToken cancellationToken) => WriteAsync($": {text}\n\n", cancellationToken);

    /// <summary>A comment when nothing was written for <see cref="KeepAlive"/>.</summary>
    public Task KeepAliveAsync(CancellationToken cancellationToken) =>
        clock.GetUtcNow() - lastWrite >= KeepAlive ? CommentAsync("keep-alive", cancellationToken) : Task.CompletedTask;

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        lastWrite = clock.GetUtcNow();
    }
}
