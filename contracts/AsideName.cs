namespace Dockward.Contracts;

/// <summary>
/// The name an old container waits under while its update is in progress. Part of the contract: the
/// control plane must not treat such a container as one to update.
/// </summary>
public static class AsideName
{
    private const string Marker = "_dockward_";

    /// <summary>The aside name of <paramref name="containerName"/> during job <paramref name="jobId"/>.</summary>
    public static string For(string containerName, string jobId) => $"{containerName}{Marker}{jobId[^Math.Min(8, jobId.Length)..]}";

    /// <summary>
    /// The name a start-first update creates the new container under while the old one still runs under its
    /// own; the new one takes the name once it passed its gate.
    /// </summary>
    public static string ForIncoming(string containerName, string jobId) => For(containerName + "_new", jobId);

    /// <summary>
    /// The name of the short-lived helper container that updates the agent's own container during job
    /// <paramref name="jobId"/>: the agent cannot stop its own container and carry on.
    /// </summary>
    public static string ForSwap(string agentContainerName, string jobId) => For(agentContainerName + "_swap", jobId);

    /// <summary>True for a name <see cref="For"/>, <see cref="ForIncoming"/> or <see cref="ForSwap"/> made.</summary>
    public static bool IsAside(string containerName) => containerName.Contains(Marker, StringComparison.Ordinal);
}
