namespace Dockward.Core.Detection.Providers;

/// <summary>
/// GitLab's container registry. registry.gitlab.com challenges with
/// <c>Bearer realm="https://gitlab.com/jwt/auth",service="container_registry"</c>: the token service is GitLab
/// itself, on another host. A self-hosted registry (<c>Provider=gitlab</c>) points at its own GitLab instance,
/// which only the admin knows: they name it with a <c>Detection:TokenRealms</c> entry.
/// </summary>
internal sealed class GitLabProvider : IRegistryProvider
{
    public string Name => "gitlab";

    public bool Recognizes(string host) => host == "registry.gitlab.com";

    public bool TrustsRealm(string registryHost, string realmHost) =>
        registryHost == "registry.gitlab.com" && realmHost == "gitlab.com";
}
