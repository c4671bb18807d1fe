namespace Dockward.Core.Detection.Providers;

/// <summary>
/// GitHub Container Registry. Challenges with <c>Bearer realm="https://ghcr.io/token",service="ghcr.io"</c> on its
/// own host; a personal access token (classic, <c>read:packages</c>) is the password, and public images get an
/// anonymous token.
/// </summary>
internal sealed class GhcrProvider : IRegistryProvider
{
    public string Name => "ghcr";

    public bool Recognizes(string host) => host == "ghcr.io";
}
