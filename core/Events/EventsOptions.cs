using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Events;

/// <summary>How long live events are kept for clients that resume. Bound from <c>Events</c>.</summary>
internal sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>
    /// Events older than this are pruned, and a client resuming from an older id gets only this window. The stored
    /// settings' <c>eventRetentionMinutes</c>, when set, take the place of this value.
    /// </summary>
    [Range(5, 1440, ErrorMessage = "Events:RetentionMinutes must be between 5 and 1440.")]
    public int RetentionMinutes { get; set; } = 60;
}
