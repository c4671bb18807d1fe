using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Detection.Images;

/// <summary>
/// The parts of an image config blob Dockward uses (github.com/opencontainers/image-spec/blob/main/config.md; Docker's
/// own config is a superset): creation time, platform, labels and the runtime defaults. Layers and history are skipped.
/// </summary>
internal sealed record ImageConfigFile(DateTimeOffset? Created, Platform? Platform, IReadOnlyDictionary<string, string> Labels, ImageRuntimeConfig Config)
{
    /// <summary>Reads a config blob; false with <paramref name="error"/> when it is not JSON or a field has the wrong shape.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out ImageConfigFile? file, [NotNullWhen(false)] out string? error)
    {
        file = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the image config is not a JSON object";
                return false;
            }

            var platform = Platform.Of(Text(root, "os"), Text(root, "architecture"), Text(root, "variant"));
            var config = root.TryGetProperty("config", out var c) && c.ValueKind != JsonValueKind.Null ? c : default;
            if (config.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
            {
                error = "the image config's 'config' is not an object";
                return false;
            }

            var runtime = config.ValueKind == JsonValueKind.Undefined ? ImageRuntimeConfig.Empty : RuntimeOf(config);
            var labels = config.ValueKind == JsonValueKind.Undefined ? new Dictionary<string, string>() : LabelsOf(config);
            file = new ImageConfigFile(CreatedOf(root), platform, labels, runtime);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            // Also the shape errors thrown below, whose messages name the field.
            error = $"the image config is not valid ({e.Message})";
            return false;
        }
    }

    private static ImageRuntimeConfig RuntimeOf(JsonElement config) => new(
        Strings(config, "Env") ?? [],
        Strings(config, "Cmd"),
        Strings(config, "Entrypoint"),
        Text(config, "WorkingDir"),
        Text(config, "User"),
        [.. Keys(config, "ExposedPorts").Select(p => p.Contains('/', StringComparison.Ordinal) ? p : p + "/tcp").Order(StringComparer.Ordinal)],
        [.. Keys(config, "Volumes").Order(StringComparer.Ordinal)],
        Text(config, "StopSignal"),
        HealthcheckOf(config),
        Strings(config, "Shell"));

    // Go's zero time (0001-01-01T00:00:00Z) is what a builder writes when it sets none: unknown, not two thousand years old.
    private static DateTimeOffset? CreatedOf(JsonElement root) =>
        Text(root, "created") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
        && created.Year > 1
            ? created
            : null;

    private static Dictionary<string, string> LabelsOf(JsonElement config)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Member(config, "Labels") is not { } found)
        {
            return labels;
        }

        if (found.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("config.Labels is not an object");
        }

        foreach (var label in found.EnumerateObject())
        {
            if (label.Value.ValueKind == JsonValueKind.String)
            {
                labels[label.Name] = label.Value.GetString()!;
            }
        }

        return labels;
    }

    private static ImageHealthcheck? HealthcheckOf(JsonElement config)
    {
        if (Member(config, "Healthcheck") is not { } check)
        {
            return null;
        }

        if (check.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("config.Healthcheck is not an object");
        }

        var test = Strings(check, "Test");
        if (test is null)
        {
            // A check with no test inherits the base image's: nothing this config states.
            return null;
        }

        return new ImageHealthcheck(test, Duration(check, "Interval"), Duration(check, "Timeout"), Duration(check, "StartPeriod"),
            Duration(check, "StartInterval"), Number(check, "Retries") is { } retries and > 0 ? (int)Math.Min(retries, int.MaxValue) : null);
    }

    // Durations are Go time.Duration: nanoseconds; zero means the engine's default.
    private static TimeSpan? Duration(JsonElement element, string name) =>
        Number(element, name) is { } nanoseconds and > 0 ? TimeSpan.FromTicks(nanoseconds / 100) : null;

    private static long? Number(JsonElement element, string name) => Member(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        _ => throw new JsonException($"{name} is not a whole number"),
    };

    private static string? Text(JsonElement element, string name) => Member(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString() is { Length: > 0 } text ? text : null,
        _ => throw new JsonException($"{name} is not a string"),
    };

    private static List<string>? Strings(JsonElement element, string name)
    {
        if (Member(element, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new JsonException($"{name} is not an array of strings");
        }

        var items = value.EnumerateArray().Select(item => item.GetString()!).ToList();
        return items.Count == 0 ? null : items;
    }

    private static List<string> Keys(JsonElement element, string name) => Member(element, name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Object } value => [.. value.EnumerateObject().Select(p => p.Name)],
        _ => throw new JsonException($"{name} is not an object"),
    };

    /// <summary>The member's value; null when it is absent or JSON null (Go writes null for an unset slice or map).</summary>
    private static JsonElement? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
