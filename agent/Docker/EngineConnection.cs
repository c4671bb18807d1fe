using Docker.DotNet;

namespace Dockward.Agent.Docker;

/// <summary>A client pinned to the negotiated API version, and that version.</summary>
internal sealed record EngineConnection(IDockerClient Client, EngineApi Api);
