using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Containers.Stats;

/// <summary>How much resource history is kept. Bound from <c>Stats</c>.</summary>
internal sealed class StatsOptions
{
    public const string Section = "Stats";

    /// <summary>Samples older than this are pruned (timer <c>PruneStats</c>), until an admin sets <c>statsRetentionHours</c> in the system settings.</summary>
    [Range(1, 168, ErrorMessage = "Stats:RetentionHours must be between 1 and 168.")]
    public int RetentionHours { get; set; } = 24;

    /// <summary>
    /// At most one sample per container is kept per this many seconds, whatever the agents' report interval: 10,000
    /// containers sampled every minute for a day are 14.4 million rows, every 30 s twice that.
    /// </summary>
    [Range(5, 3600, ErrorMessage = "Stats:SampleSeconds must be between 5 and 3600.")]
    public int SampleSeconds { get; set; } = 60;
}
