using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Dockward.Core.Detection;

namespace Dockward.Core.Webhooks;

/// <summary>Reading fields of a payload whose shape is not trusted: a wrong type is "missing", never an exception.</summary>
internal static class WebhookJson
{
    /// <summary>The element at a dotted path of object properties (e.g. <c>push_data.tag</c>), or false when any step is missing or not an object.</summary>
    public static bool TryGet(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        foreach (var name in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    /// <summary>A non-empty string at <paramref name="path"/>, or null.</summary>
    public static string? String(JsonElement root, string path) =>
        TryGet(root, path, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// The repository named by <paramref name="text"/> (<c>host/path</c>, with or without tag or digest), or false
    /// with the reason. Only the repository matters: the tag is dropped.
    /// </summary>
    public static bool TryRepository(string field, string text, [NotNullWhen(true)] out ImageReference? repository, [NotNullWhen(false)] out string? error)
    {
        if (!ImageReference.TryParse(text, out var parsed, out var parseError))
        {
            repository = null;
            error = $"{field}: {parseError}";
            return false;
        }

        repository = parsed with { Tag = null, Digest = null };
        error = null;
        return true;
    }
}
