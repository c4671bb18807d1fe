using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Security;
using Dockward.Core.Security.Secrets;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Registries;

/// <summary>
/// Registry credentials an admin sets through the API, kept encrypted (AES-256-GCM bound to the host) and
/// decrypted only to talk to that registry. Credentials in <c>Detection:Registries</c> win over stored ones; an
/// entry there without a user still gives a stored credential its <c>Provider</c> and <c>Insecure</c>.
/// </summary>
internal sealed class RegistryCredentials(
    IRegistryStore registries,
    SecretProtector protector,
    IOptions<DetectionOptions> options,
    AuditTrail audit,
    TimeProvider clock) : ISecretHolder
{
    public const string Purpose = "registry-password";

    public string Name => "registry passwords";

    /// <summary>The credential for a registry host: from settings first, then from the store; null when neither knows the host.</summary>
    public async Task<RegistryCredential?> FindAsync(string host, CancellationToken cancellationToken)
    {
        var configured = options.Value.Registries.FirstOrDefault(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrEmpty(configured?.Username))
        {
            return configured;
        }

        // An entry without a user only says what the registry is (Provider, Insecure); the API may hold its credentials.
        if (await registries.GetAsync(host.ToLowerInvariant(), cancellationToken) is not { } stored)
        {
            return configured;
        }

        return new RegistryCredential
        {
            Host = stored.Host,
            Username = stored.UserName,
            Password = protector.Unprotect(stored.PasswordCipher, Purpose, stored.Host),
            Provider = configured?.Provider,
            Insecure = configured?.Insecure ?? false,
        };
    }

    public Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken cancellationToken) => registries.ListAsync(cancellationToken);

    /// <summary>Adds or replaces the credentials of one registry host.</summary>
    public async Task<(RegistryRecord? Registry, Refusal? Refusal)> SetAsync(
        string host, string userName, string password, Actor actor, CancellationToken cancellationToken)
    {
        var key = host.ToLowerInvariant();
        if (!ImageReference.TryParse($"{key}/probe:latest", out var parsed, out _) || parsed.Registry != key)
        {
            return (null, Refusal.Invalid($"'{host}' is not a registry host as image references name it (e.g. ghcr.io or registry.local:5000)."));
        }

        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 256 || string.IsNullOrEmpty(password) || password.Length > 4096)
        {
            return (null, Refusal.Invalid("userName (1 to 256 characters) and password (1 to 4096 characters) are required."));
        }

        var record = new RegistryRecord(key, userName, protector.Protect(password, Purpose, key), clock.GetUtcNow(), actor.Name);
        var existing = await registries.GetAsync(key, cancellationToken);
        var saved = existing is null
            ? await registries.AddAsync(record, cancellationToken)
            : await registries.UpdateAsync(record with { Version = existing.Version }, cancellationToken);
        await audit.SucceededAsync(actor, existing is null ? "registry.create" : "registry.update", key, $"user {userName}", cancellationToken);
        return (saved, null);
    }

    public async Task<bool> DeleteAsync(string host, Actor actor, CancellationToken cancellationToken)
    {
        var deleted = await registries.DeleteAsync(host.ToLowerInvariant(), cancellationToken);
        if (deleted)
        {
            await audit.SucceededAsync(actor, "registry.delete", host.ToLowerInvariant(), null, cancellationToken);
        }

        return deleted;
    }

    public async Task<SecretRotation> ReprotectAllAsync(CancellationToken cancellationToken) =>
        await protector.ReprotectAllAsync(
            Name,
            Purpose,
            await registries.ListAsync(cancellationToken),
            registry => registry.PasswordCipher,
            registry => registry.Host,
            (registry, cipher) => registries.UpdateAsync(registry with { PasswordCipher = cipher }, cancellationToken));
}
