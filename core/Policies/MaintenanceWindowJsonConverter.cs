using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>
/// A window as JSON, <c>{"cron":"0 2 * * *","length":"2h","timeZone":"Asia/Shanghai"}</c>, read through
/// <see cref="MaintenanceWindow.TryCreate"/>: an invalid window from an API body is a clear error, never a window.
/// </summary>
internal sealed class MaintenanceWindowJsonConverter : JsonConverter<MaintenanceWindow>
{
    public override MaintenanceWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a maintenance window is an object: {\"cron\": \"0 2 * * *\", \"length\": \"2h\", \"timeZone\": \"UTC\"}");
        }

        string? cron = null, length = null, zone = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString()
                : reader.TokenType == JsonTokenType.Null ? null
                : throw new JsonException($"window {name} must be a string");
            switch (name?.ToLowerInvariant())
            {
                case "cron": cron = value; break;
                case "length": length = value; break;
                case "timezone": zone = value; break;
                default: throw new JsonException($"a maintenance window has no setting '{name}' (cron, length, timeZone)");
            }
        }

        if (!Duration.TryParse(length, out var span, out var error))
        {
            throw new JsonException($"window length: {error}");
        }

        return MaintenanceWindow.TryCreate(cron, span, zone, out var window, out error) ? window! : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, MaintenanceWindow value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("cron", value.Cron);
        writer.WriteString("length", Duration.Format(value.Length));
        writer.WriteString("timeZone", value.TimeZone);
        writer.WriteEndObject();
    }
}
