namespace Dockward.Functions.Registries;

/// <summary>Credentials for one registry; the password is write-only.</summary>
internal sealed record RegistryLogin(string UserName, string Password);
