namespace Dockward.Core.Events;

/// <summary>The event types <c>/api/events</c> sends, as its <c>event:</c> field.</summary>
internal static class EventTypes
{
    /// <summary>A container appeared, changed state or health, or went away (data: before and after).</summary>
    public const string ContainerState = "container.state";

    /// <summary>A container was registered for management or removed from it.</summary>
    public const string ContainerManagement = "container.management";

    /// <summary>A registry check of an image ended (data: the check's status and digests).</summary>
    public const string CheckResult = "check.result";

    /// <summary>An update job changed state: made, waiting, approved, rejected, started, ended.</summary>
    public const string JobState = "job.state";

    /// <summary>An update job reported a progress step.</summary>
    public const string JobStep = "job.step";

    /// <summary>A rollout changed state or phase.</summary>
    public const string RolloutState = "rollout.state";

    /// <summary>A container action (start, stop, restart) ended.</summary>
    public const string ContainerAction = "container.action";

    /// <summary>An agent came online (a report after being offline, or its first).</summary>
    public const string AgentOnline = "agent.online";

    /// <summary>An agent missed its heartbeats and is marked offline.</summary>
    public const string AgentOffline = "agent.offline";

    /// <summary>A policy was set or removed.</summary>
    public const string PolicyChanged = "policy.changed";

    /// <summary>System settings changed (admins only).</summary>
    public const string SettingsChanged = "settings.changed";

    /// <summary>Every type above: what a client's <c>types</c> filter may name.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ContainerState, ContainerManagement, CheckResult, JobState, JobStep, RolloutState, ContainerAction, AgentOnline,
        AgentOffline, PolicyChanged, SettingsChanged,
    };
}
