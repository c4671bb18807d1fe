namespace Dockward.Core.Webhooks;

/// <summary>The shared secret of one webhook provider, only ever stored encrypted.</summary>
/// <param name="Provider">The provider's route name, lower case (e.g. <c>harbor</c>).</param>
/// <param name="SecretCipher">The secret encrypted by the secret protector, bound to this provider.</param>
internal sealed record WebhookSecretRecord(string Provider, string SecretCipher, DateTimeOffset UpdatedAt, string UpdatedBy, string? Version = null);
