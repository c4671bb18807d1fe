namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Sonatype Nexus Repository (self-hosted; chosen with <c>Provider=nexus</c>). A Docker connector answers
/// <c>Basic realm=…</c> (force basic auth) or, with the Docker Bearer Token Realm on,
/// <c>Bearer realm="https://&lt;host&gt;/v2/token",service="https://&lt;host&gt;/v2/token"</c>: both on its own host.
/// </summary>
internal sealed class NexusProvider : IRegistryProvider
{
    public string Name => "nexus";

    public bool Recognizes(string host) => false;
}
