using System.Text.Json;

namespace Dockward.Core.Webhooks;

/// <summary>An authenticated delivery as a parser sees it: the JSON body and the request headers (names case-insensitive).</summary>
internal sealed record WebhookDelivery(JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A header's value, or null when absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
