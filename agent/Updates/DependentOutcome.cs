namespace Dockward.Agent.Updates;

/// <summary>What became of one container that shared a namespace with an updated container.</summary>
internal enum DependentOutcome
{
    /// <summary>Recreated against the new container, running if it was running before.</summary>
    Recreated,

    /// <summary>Recreating it failed; it is back under its name with its old configuration, started if it was running.</summary>
    Restored,

    /// <summary>It could not be brought back as it was (recreating and putting it back failed, or restarting it failed): the reason says where it is.</summary>
    RestoreFailed,

    /// <summary>Restarted in place after the update of the container whose namespaces it shares was rolled back, so it joins them again.</summary>
    Restarted,

    /// <summary>Left untouched (gone, started with --rm, or sharing namespaces with a dependent that was not recreated).</summary>
    Skipped,
}
