namespace Dockward.Core.Detection.Auth;

/// <summary>
/// A token realm host that may receive a registry's credentials although it is another host.
/// Bound from <c>Detection:TokenRealms:N</c>. The realms providers document are theirs to name
/// (<see cref="Providers.IRegistryProvider.TrustsRealm"/>); these are the admin's additions, e.g. the GitLab
/// instance behind a self-hosted GitLab registry.
/// </summary>
internal sealed class TokenRealmTrust
{
    /// <summary>The registry host as image references name it (port included when it has one).</summary>
    public string Registry { get; set; } = "";

    /// <summary>The realm's host name (no scheme, no port).</summary>
    public string RealmHost { get; set; } = "";
}
