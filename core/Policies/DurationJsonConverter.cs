using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>Writes and reads <see cref="TimeSpan"/> settings as <see cref="Duration"/> text (<c>"30m"</c>), as labels spell them.</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a duration is a string such as \"30m\", \"2h\" or \"7d\"");
        }

        return Duration.TryParse(reader.GetString(), out var value, out var error) ? value : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Duration.Format(value));
}
