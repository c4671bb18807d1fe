namespace Dockward.Core.Security.Secrets;

/// <summary>Something that stores secrets encrypted by the <see cref="SecretProtector"/>; key rotation re-encrypts them all.</summary>
internal interface ISecretHolder
{
    /// <summary>What the secrets are, for the rotation report (e.g. "registry passwords").</summary>
    string Name { get; }

    /// <summary>
    /// Re-encrypts under the current master key every secret that is under another. A secret that cannot be
    /// decrypted is left as it is and named in the result; the others are still moved.
    /// </summary>
    Task<SecretRotation> ReprotectAllAsync(CancellationToken cancellationToken);
}
