namespace Dockward.Core.Registries;

/// <summary>Credentials for one registry host, set by an admin; the password only ever stored encrypted.</summary>
/// <param name="Host">Registry host as in image references, lower case, with a port if any (e.g. <c>ghcr.io</c>, <c>registry.local:5000</c>).</param>
/// <param name="PasswordCipher">The password (or token) encrypted by the secret protector, bound to this host.</param>
internal sealed record RegistryRecord(
    string Host,
    string UserName,
    string PasswordCipher,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string? Version = null);
