namespace Dockward.Core.Updates;

/// <summary>What started an update job.</summary>
public static class Triggers
{
    public const string Timer = "timer";
    public const string Manual = "manual";
}
