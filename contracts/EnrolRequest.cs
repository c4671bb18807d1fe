namespace Dockward.Contracts;

/// <summary>An agent asking to join the control plane.</summary>
/// <param name="EnrolmentToken">The token an operator gave the agent.</param>
/// <param name="Name">The host's name as the agent reports it; unique per control plane.</param>
/// <param name="AgentVersion">The agent's own version.</param>
/// <param name="DockerVersion">The local engine's version.</param>
public sealed record EnrolRequest(string EnrolmentToken, string Name, string AgentVersion, string DockerVersion);
