namespace Dockward.Core.Detection.Providers;

/// <summary>The credential to send to a registry, or why there is none (a failed exchange with the provider's API).</summary>
internal sealed record RegistrySignIn(RegistryCredential? Credential, string? Error)
{
    public static RegistrySignIn As(RegistryCredential credential) => new(credential, null);

    public static RegistrySignIn Failed(string error) => new(null, error);

    public bool Succeeded => Credential is not null;
}
