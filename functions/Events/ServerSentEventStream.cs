using System.Buffers;
using System.Text;
using System.Text.Json;
using Dockward.Core.Events;
using Microsoft.AspNetCore.Http.Features;

namespace Dockward.Functions.Events;

/// <summary>
/// A <c>text/event-stream</c> response (WHATWG HTML, server-sent events): each event written and flushed at once, so
/// a client sees it as it happens rather than when a buffer fills.
/// </summary>
internal sealed class ServerSentEventStream
{
    private readonly HttpResponse response;

    private ServerSentEventStream(HttpResponse response) => this.response = response;

    /// <summary>Starts the response: its headers go out now, before the first event.</summary>
    public static async Task<ServerSentEventStream> StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Reverse proxies (nginx) would otherwise hold events back until their buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        var stream = new ServerSentEventStream(response);
        await stream.WriteAsync("retry: 3000\n: connected\n\n", cancellationToken);
        return stream;
    }

    /// <summary>One event: <c>id</c>, <c>event</c> (its type) and <c>data</c> (<c>{ id, at, type, agentId, container, data }</c>).</summary>
    public Task EventAsync(EventRecord record, CancellationToken cancellationToken) =>
        WriteAsync($"id: {record.Id}\nevent: {record.Type}\ndata: {Json(record)}\n\n", cancellationToken);

    /// <summary>A comment line: ignored by clients, it keeps proxies and the connection from idling out.</summary>
    public Task CommentAsync(string text, CancellationToken cancellationToken) => WriteAsync($": {text}\n\n", cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static string Json(EventRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", record.Id);
            json.WriteString("at", record.At);
            json.WriteString("type", record.Type);
            json.WriteString("agentId", record.AgentId);
            json.WriteString("container", record.Container);
            json.WritePropertyName("data");
            // Stored as serialized JSON (one line: the serializer escapes line breaks inside strings).
            json.WriteRawValue(record.Data);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
