namespace Dockward.Agent;

/// <summary>The agent's settings. Bound from <c>Agent</c> (env <c>DOCKWARD_AGENT__…</c>).</summary>
internal sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>Base URL of the control plane, e.g. <c>https://dockward.example.com</c>.</summary>
    public string ControlPlaneUrl { get; set; } = "";

    /// <summary>One-time token (<c>dwe_…</c>) to enrol with on first start; not needed once the agent has its own credential.</summary>
    public string EnrolmentToken { get; set; } = "";

    /// <summary>This host's name in Dockward; empty means the Docker host's own name (from the engine, so an agent in a container is named for its host).</summary>
    public string Name { get; set; } = "";

    /// <summary>Where the agent keeps its identity and its journal of updates in flight (<c>journal/</c>): keep it on a persistent volume.</summary>
    public string DataDirectory { get; set; } = "/var/lib/dockward-agent";

    /// <summary>The Docker engine's API endpoint.</summary>
    public string DockerEndpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>How often the inventory is sent even when nothing changed.</summary>
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>How long one job long-poll waits on the control plane.</summary>
    public int JobWaitSeconds { get; set; } = 25;

    /// <summary>Credentials for pulls from private registries; other registries are pulled from anonymously.</summary>
    public List<RegistryLogin> Registries { get; set; } = [];
}
