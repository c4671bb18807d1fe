namespace Dockward.Core.Detection;

/// <summary>How to reach one registry. Bound from <c>Detection:Registries:N</c>.</summary>
internal sealed class RegistryCredential
{
    /// <summary>Registry host with optional port, as it appears in image references (e.g. <c>registry.example.com:5000</c>).</summary>
    public string Host { get; set; } = "";

    /// <summary>Basic-auth user; empty for anonymous access.</summary>
    public string? Username { get; set; }

    /// <summary>Basic-auth password or token.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The registry product when the host does not say (<c>harbor</c>, <c>nexus</c>, <c>gitlab</c> for self-hosted
    /// ones); empty to go by the host. One of <see cref="Providers.RegistryProviders.Names"/>.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>Plain HTTP instead of HTTPS. Loopback registries are always plain HTTP, as the Docker engine treats them.</summary>
    public bool Insecure { get; set; }
}
