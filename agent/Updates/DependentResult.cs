namespace Dockward.Agent.Updates;

/// <summary>The outcome for one container that shared a namespace (<c>network_mode</c>, <c>pid</c>, <c>ipc</c>) with an updated container.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Id">The id it has now: the new container's when recreated, the old one's otherwise.</param>
/// <param name="Reason">Why it was not recreated, or a note on a recreation that stands (an old copy left behind, its image pinned by id).</param>
internal sealed record DependentResult(string Name, string Id, DependentOutcome Outcome, string? Reason);
