namespace Dockward.Core.Policies;

/// <summary>A policy set through the API for one scope.</summary>
/// <param name="Key"><c>""</c> for global, the group name, or <c>agentId/name</c> for a container.</param>
/// <param name="Locked">When true, container labels cannot override the settings given here.</param>
/// <param name="UpdatedBy">The actor who last set it (<c>user:alice</c>).</param>
internal sealed record PolicyRecord(
    PolicyScope Scope,
    string Key,
    PolicySettings Settings,
    bool Locked,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    string? Version = null)
{
    /// <summary>The key of a container's own policy.</summary>
    public static string ContainerKey(string agentId, string name) => $"{agentId}/{name}";
}
