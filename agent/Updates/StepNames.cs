namespace Dockward.Agent.Updates;

/// <summary>The steps of an update, as journaled and reported. A rollback reads the journal by these names.</summary>
internal static class StepNames
{
    public const string Inspect = "inspect";
    public const string Pull = "pull";
    public const string PreUpdate = "pre-update";
    public const string Stop = "stop";
    public const string Rename = "rename";
    public const string Create = "create";
    public const string Start = "start";
    public const string Gate = "gate";

    /// <summary>Blue-green: the old container's network aliases move to the new one, which passed its gate.</summary>
    public const string Switch = "switch";

    public const string Dependents = "dependents";
    public const string PostUpdate = "post-update";
    public const string Cleanup = "cleanup";
    public const string PruneImages = "prune-images";
    public const string Rollback = "rollback";
    public const string Recover = "recover";

    /// <summary>An update of the agent's own container handed to a helper container (<c>SelfUpdate/</c>).</summary>
    public const string HandOver = "hand-over";
}
