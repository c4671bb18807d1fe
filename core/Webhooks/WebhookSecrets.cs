using System.Buffers.Text;
using System.Security.Cryptography;
using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Security.Secrets;

namespace Dockward.Core.Webhooks;

/// <summary>
/// The shared secret of each webhook provider, set by an admin, kept encrypted (AES-256-GCM bound to the provider)
/// and decrypted only to check a delivery. A provider without a secret accepts no delivery.
/// </summary>
internal sealed class WebhookSecrets(IWebhookSecretStore store, SecretProtector protector, AuditTrail audit, TimeProvider clock) : ISecretHolder
{
    public const string Purpose = "webhook-secret";
    public const int MinLength = 16;
    public const int MaxLength = 256;

    public string Name => "webhook secrets";

    /// <summary>The provider's secret in clear, or null when none is set (the provider is disabled).</summary>
    public async Task<string?> FindAsync(string provider, CancellationToken cancellationToken) =>
        await store.GetAsync(provider, cancellationToken) is { } stored ? protector.Unprotect(stored.SecretCipher, Purpose, stored.Provider) : null;

    public Task<IReadOnlyList<WebhookSecretRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Sets the provider's secret: <paramref name="secret"/>, or a new random one when null. Returns the secret in clear, once.</summary>
    public async Task<(string? Secret, Refusal? Refusal)> SetAsync(string provider, string? secret, Actor actor, CancellationToken cancellationToken)
    {
        if (secret is not null && (secret.Length is < MinLength or > MaxLength || secret.Any(c => c is <= ' ' or > '~')))
        {
            return (null, Refusal.Invalid($"secret must be {MinLength} to {MaxLength} printable ASCII characters without spaces."));
        }

        // 32 random bytes; base64url so it can go into a URL (?token=) and a header as it is.
        secret ??= Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var existed = await store.GetAsync(provider, cancellationToken) is not null;
        await store.SetAsync(new WebhookSecretRecord(provider, protector.Protect(secret, Purpose, provider), clock.GetUtcNow(), actor.Name), cancellationToken);
        await audit.SucceededAsync(actor, existed ? "webhook.secret.update" : "webhook.secret.create", provider, null, cancellationToken);
        return (secret, null);
    }

    public async Task<bool> DeleteAsync(string provider, Actor actor, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(provider, cancellationToken);
        if (deleted)
        {
            await audit.SucceededAsync(actor, "webhook.secret.delete", provider, null, cancellationToken);
        }

        return deleted;
    }

    public async Task<SecretRotation> ReprotectAllAsync(CancellationToken cancellationToken) =>
        await protector.ReprotectAllAsync(
            Name,
            Purpose,
            await store.ListAsync(cancellationToken),
            secret => secret.SecretCipher,
            secret => secret.Provider,
            (secret, cipher) => store.UpdateAsync(secret with { SecretCipher = cipher }, cancellationToken));
}
