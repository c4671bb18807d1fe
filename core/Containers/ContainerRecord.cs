namespace Dockward.Core.Containers;

/// <summary>A container as its agent last reported it. Keyed by agent and name: a recreated container keeps its record.</summary>
internal sealed record ContainerRecord(
    string AgentId,
    string Name,
    string Id,
    string Image,
    string ImageId,
    IReadOnlyList<string> RepoDigests,
    string State,
    string? Health,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset Created,
    DateTimeOffset ReportedAt,
    string? Version = null);
