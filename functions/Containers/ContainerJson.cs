using System.Text.Json;

namespace Dockward.Functions.Containers;

/// <summary>How the container routes write JSON: camelCase, nulls written (a list row always has every field).</summary>
internal static class ContainerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
