using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Webhooks;

/// <summary>How registry push webhooks become checks. Bound from <c>Webhooks</c> (env <c>DOCKWARD_WEBHOOKS__…</c>).</summary>
internal sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Seconds a repository's check waits after the first delivery, so that the deliveries of one push (a tag per
    /// platform, several tags, retries) give one check.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Webhooks:DebounceSeconds (env DOCKWARD_WEBHOOKS__DEBOUNCESECONDS) must be between 1 and 3600.")]
    public int DebounceSeconds { get; set; } = 10;

    /// <summary>
    /// Seconds between sweeps of the hint store for hints this instance was not told about (queued by another
    /// instance, or left by one that stopped). Hints queued here run when due, without waiting for a sweep.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Webhooks:SweepSeconds (env DOCKWARD_WEBHOOKS__SWEEPSECONDS) must be between 1 and 3600.")]
    public int SweepSeconds { get; set; } = 30;
}
