namespace Dockward.Agent.Updates;

/// <summary>The previous images an update's cleanup removed, and the ones it could not (with the engine's reason).</summary>
internal sealed record PruneResult(IReadOnlyList<string> Removed, IReadOnlyList<string> Problems);
