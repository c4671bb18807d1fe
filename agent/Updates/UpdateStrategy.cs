namespace Dockward.Agent.Updates;

/// <summary>How the old container makes way for the new one (see <see cref="UpdateOrder"/> for how it is chosen).</summary>
internal enum UpdateStrategy
{
    /// <summary>The old container stops, then the new one starts under its name: a short downtime.</summary>
    StopFirst,

    /// <summary>The new container starts beside the old one and must pass its gate before the old one stops.</summary>
    StartFirst,

    /// <summary>
    /// Start-first with the old container's network aliases withheld from the new one until it passed its gate:
    /// clients reaching the container by an alias reach only the old one until the switch.
    /// </summary>
    BlueGreen,
}
