namespace Dockward.Functions.Webhooks;

/// <summary>The optional body of PUT /api/webhooks/{provider}: a secret of one's own, or none for a generated one.</summary>
internal sealed record WebhookSecretRequest(string? Secret = null);
