namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Picks the provider for a registry: the one its settings entry names (<c>Detection:Registries:N:Provider</c>),
/// else the one that recognises the host, else <see cref="GenericRegistryProvider"/>.
/// </summary>
internal sealed class RegistryProviders(IEnumerable<IRegistryProvider> providers)
{
    private readonly IRegistryProvider[] all = [.. providers];
    private readonly GenericRegistryProvider generic = new();

    /// <summary>Every name a <c>Provider</c> setting may take.</summary>
    public IReadOnlyList<string> Names => [.. all.Select(p => p.Name).Append(generic.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public bool IsKnown(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider for a host (as requested or as image references name it) and the provider its settings name, if any.</summary>
    public IRegistryProvider For(string host, string? provider)
    {
        if (!string.IsNullOrWhiteSpace(provider))
        {
            // Validated at start; an unknown name here (a stored record from a newer version) is a plain registry.
            return all.FirstOrDefault(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase)) ?? generic;
        }

        var hostOnly = HostOf(host);
        return all.FirstOrDefault(p => p.Recognizes(host.ToLowerInvariant()) || p.Recognizes(hostOnly)) ?? generic;
    }

    /// <summary>The provider for a registry request: its credential's <c>Provider</c> setting, else its address.</summary>
    public IRegistryProvider For(Uri registry, RegistryCredential? credential) => For(registry.Authority, credential?.Provider);

    private static string HostOf(string hostAndPort)
    {
        var host = hostAndPort.StartsWith('[') ? hostAndPort : hostAndPort.Split(':')[0];
        return host.ToLowerInvariant();
    }
}
