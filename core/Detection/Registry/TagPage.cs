using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dockward.Core.Detection.Registry;

/// <summary>One page of <c>GET /v2/&lt;name&gt;/tags/list</c>: <c>{"name": "…", "tags": ["…"]}</c>.</summary>
internal static partial class TagPage
{
    /// <summary>The valid tags of the page (names outside the tag grammar skipped); false with <paramref name="error"/> when the body is not a tag list.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out List<string> tags, out string? error)
    {
        tags = [];
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the tag list is not a JSON object";
                return false;
            }

            // distribution answers "tags": null for a repository whose tags were all deleted.
            if (!root.TryGetProperty("tags", out var list) || list.ValueKind == JsonValueKind.Null)
            {
                error = null;
                return true;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                error = "the tag list's 'tags' is not an array";
                return false;
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } tag && TagPattern().IsMatch(tag))
                {
                    tags.Add(tag);
                }
            }

            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the tag list is not valid JSON ({e.Message})";
            return false;
        }
    }

    // The distribution reference grammar's tag: [\w][\w.-]{0,127}, \w being ASCII only.
    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
