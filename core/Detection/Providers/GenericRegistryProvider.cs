namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Any Registry v2 (distribution, Zot, Artifactory, …): anonymous, Basic, or the Bearer token flow with the realm
/// on the registry's own host or on a host <c>Detection:TokenRealms</c> names. Nothing to add.
/// </summary>
internal sealed class GenericRegistryProvider : IRegistryProvider
{
    public string Name => "generic";

    public bool Recognizes(string host) => false;
}
