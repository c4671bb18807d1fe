using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Policies;

/// <summary>The effective policy of one container.</summary>
/// <param name="Managed">Whether Dockward watches the container at all.</param>
/// <param name="Mode">What happens when an update is found.</param>
/// <param name="Problem">A label that could not be read and what was done instead; null when all were fine.</param>
/// <param name="Tags">Which newer tags to look for; null when only the digest of the current tag is watched.</param>
internal sealed record ContainerPolicy(bool Managed, UpdateMode Mode, string? Problem = null, TagPolicy? Tags = null);
