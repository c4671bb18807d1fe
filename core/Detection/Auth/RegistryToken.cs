namespace Dockward.Core.Detection.Auth;

/// <summary>A bearer token from a registry's token service, or why there is none.</summary>
internal sealed record RegistryToken(string? Value, DateTimeOffset ExpiresAt, string? Error)
{
    public static RegistryToken Issued(string value, DateTimeOffset expiresAt) => new(value, expiresAt, null);

    public static RegistryToken Failed(string error) => new(null, DateTimeOffset.MinValue, error);

    public bool Succeeded => Value is not null;
}
