namespace Dockward.Core.Updates;

/// <summary>What started an update job.</summary>
internal static class Triggers
{
    /// <summary>The scheduled registry scan.</summary>
    public const string Timer = "timer";

    /// <summary>A check a user ran by hand; like the timer, it does not retry a quarantined digest.</summary>
    public const string Check = "check";

    /// <summary>A registry webhook said a repository was pushed to; like the timer, it does not retry a quarantined digest.</summary>
    public const string Webhook = "webhook";

    /// <summary>A user asked to update this container: it retries a quarantined digest too.</summary>
    public const string Manual = "manual";

    /// <summary>A rollout putting an updated container back on the image it ran before (its group's update failed).</summary>
    public const string Rollback = "rollback";
}
