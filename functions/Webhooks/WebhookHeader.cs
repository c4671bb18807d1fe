namespace Dockward.Functions.Webhooks;

/// <summary>A header to configure on the provider's side.</summary>
internal sealed record WebhookHeader(string Name, string Value);
