namespace Dockward.Contracts;

/// <summary>The agent's identity from now on.</summary>
/// <param name="AgentId">Stable id of the agent.</param>
/// <param name="Credential">Secret the agent sends as a bearer token on every later call; shown once.</param>
public sealed record EnrolResponse(string AgentId, string Credential);
