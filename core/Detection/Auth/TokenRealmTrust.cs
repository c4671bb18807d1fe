namespace Dockward.Core.Detection.Auth;

/// <summary>
/// A token realm host that may receive a registry's credentials although it is another host.
/// Bound from <c>Detection:TokenRealms:N</c>.
/// </summary>
internal sealed class TokenRealmTrust
{
    /// <summary>
    /// Providers whose token service lives on a host other than the registry, from their documentation.
    /// Keep it short: every entry is a host that receives users' registry passwords.
    /// </summary>
    public static readonly IReadOnlyList<TokenRealmTrust> Known =
    [
        // Docker Hub: registry-1.docker.io challenges with realm https://auth.docker.io/token.
        new() { Registry = "docker.io", RealmHost = "auth.docker.io" },
        new() { Registry = "registry-1.docker.io", RealmHost = "auth.docker.io" },
        // GitLab.com: registry.gitlab.com challenges with realm https://gitlab.com/jwt/auth.
        new() { Registry = "registry.gitlab.com", RealmHost = "gitlab.com" },
    ];

    /// <summary>The registry host as image references name it (port included when it has one).</summary>
    public string Registry { get; set; } = "";

    /// <summary>The realm's host name (no scheme, no port).</summary>
    public string RealmHost { get; set; } = "";
}
