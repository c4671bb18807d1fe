namespace Dockward.Core.Webhooks;

/// <summary>A delivery as received, before anything is trusted: the raw body (already bounded), the headers and the URL's <c>token</c>.</summary>
internal sealed record WebhookRequest(string Provider, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers, string? UrlToken);
