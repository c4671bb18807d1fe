namespace Dockward.Agent.ControlPlane;

/// <summary>Who this agent is to the control plane, kept on disk across restarts.</summary>
internal sealed record AgentIdentity(string AgentId, string Credential, string ControlPlaneUrl);
