using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary><see cref="DurationJsonConverter"/> for optional settings: null stays null.</summary>
internal sealed class NullableDurationJsonConverter : JsonConverter<TimeSpan?>
{
    private static readonly DurationJsonConverter Inner = new();

    public override bool HandleNull => true;

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(TimeSpan), options);

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        if (value is { } duration)
        {
            Inner.Write(writer, duration, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
