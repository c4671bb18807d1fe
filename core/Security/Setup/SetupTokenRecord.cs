namespace Dockward.Core.Security.Setup;

/// <summary>The one-time token that lets the first admin set a password, while no user exists.</summary>
/// <param name="SecretHash">SHA-256 (hex) of the token printed to the log.</param>
internal sealed record SetupTokenRecord(string SecretHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? Version = null);
