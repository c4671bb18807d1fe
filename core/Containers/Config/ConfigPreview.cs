namespace Dockward.Core.Containers.Config;

/// <summary>What a configuration edit would change: each difference, and the configuration before and after.</summary>
internal sealed record ConfigPreview(IReadOnlyList<ConfigDifference> Changes, ContainerConfigView Current, ContainerConfigView Proposed);
