namespace Dockward.Core.Webhooks;

/// <summary>Webhook providers' secrets, one per provider.</summary>
internal interface IWebhookSecretStore
{
    Task<WebhookSecretRecord?> GetAsync(string provider, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookSecretRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores the secret, replacing any earlier one of the provider.</summary>
    Task<WebhookSecretRecord> SetAsync(WebhookSecretRecord secret, CancellationToken cancellationToken);

    /// <summary>Replaces a secret read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<WebhookSecretRecord> UpdateAsync(WebhookSecretRecord secret, CancellationToken cancellationToken);

    /// <summary>Removes the provider's secret; false when there was none.</summary>
    Task<bool> DeleteAsync(string provider, CancellationToken cancellationToken);
}
