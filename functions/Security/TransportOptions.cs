namespace Dockward.Functions.Security;

/// <summary>HTTPS and reverse proxies. Bound from <c>Security</c>.</summary>
internal sealed class TransportOptions
{
    /// <summary>PEM certificate (chain) for HTTPS; with <see cref="KeyPath"/>, turns on HTTPS redirect and HSTS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Proxies (addresses or CIDR networks, comma-separated) whose X-Forwarded-For/-Proto are believed. Empty: none.</summary>
    public string? TrustedProxies { get; set; }

    public bool Https => !string.IsNullOrEmpty(CertificatePath);
}
