using System.Buffers;
using System.Text;
using System.Text.Json;
using Dockward.Core.Events;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Events;

/// <summary>How <c>/api/events</c> writes a stored event: its id, its type, and <c>{ id, at, type, agentId, container, data }</c>.</summary>
internal static class EventEnvelope
{
    public static Task EventAsync(this ServerSentEventStream stream, EventRecord record, CancellationToken cancellationToken) =>
        stream.EventAsync(record.Id, record.Type, Json(record), cancellationToken);

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
