using Dockward.Contracts;

namespace Dockward.Core.Containers.Stats;

/// <summary>Resource samples of containers, at most one per container per time slot.</summary>
internal interface IStatsStore
{
    /// <summary>
    /// Stores each sample in the slot of <paramref name="slot"/> length its time falls in, replacing a sample stored
    /// there before: a slot keeps one sample however often the agent reports.
    /// </summary>
    Task WriteAsync(string agentId, IReadOnlyList<ContainerStats> samples, TimeSpan slot, CancellationToken cancellationToken);

    /// <summary>The samples of one container taken at or after <paramref name="from"/>, oldest first.</summary>
    Task<IReadOnlyList<ContainerStats>> ListAsync(string agentId, string name, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Deletes samples taken before <paramref name="cutoff"/> (whole hours); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
