namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Harbor (self-hosted; chosen with <c>Provider=harbor</c>). Challenges with
/// <c>Bearer realm="https://&lt;host&gt;/service/token",service="harbor-registry"</c>, on its own host, so its
/// credentials never leave it. Robot accounts are named <c>robot$&lt;project&gt;+&lt;name&gt;</c>.
/// </summary>
internal sealed class HarborProvider : IRegistryProvider
{
    public string Name => "harbor";

    public bool Recognizes(string host) => false;
}
