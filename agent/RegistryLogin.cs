namespace Dockward.Agent;

/// <summary>Credentials the agent pulls with from one registry. Bound from <c>Agent:Registries:N</c>.</summary>
internal sealed class RegistryLogin
{
    /// <summary>Registry host with optional port, as image references write it (<c>registry.example.com:5000</c>, <c>docker.io</c>).</summary>
    public string Host { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";
}
