namespace Dockward.Agent.Docker;

/// <summary>The Docker engine cannot be driven by this agent (unreachable, too old, or newer than anything it speaks): a start-up error.</summary>
internal sealed class EngineNotSupportedException(string message) : Exception(message);
