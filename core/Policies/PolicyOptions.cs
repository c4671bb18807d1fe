using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Policies;

/// <summary>Global policy defaults. Bound from <c>Policy</c>.</summary>
internal sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>Mode of containers without a <c>dockward.update</c> label.</summary>
    public UpdateMode DefaultMode { get; set; } = UpdateMode.Auto;

    /// <summary>Without a HEALTHCHECK, how long a new container must keep running with no restart before an update is final.</summary>
    [Range(1, 3600, ErrorMessage = "Policy:MonitorWindowSeconds must be between 1 and 3600.")]
    public int MonitorWindowSeconds { get; set; } = 30;

    /// <summary>With a HEALTHCHECK, the most to wait for <c>healthy</c> beyond the check's own start period and retries.</summary>
    [Range(1, 3600, ErrorMessage = "Policy:HealthTimeoutSeconds must be between 1 and 3600.")]
    public int HealthTimeoutSeconds { get; set; } = 60;

    /// <summary>How long an update of a container in manual mode waits for a decision before it expires.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Policy:ApprovalExpiry must be between 00:01:00 and 90.00:00:00.")]
    public TimeSpan ApprovalExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long updated canaries must stay up before the rest of their group follows.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Policy:CanaryWindow must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan CanaryWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many updates run at once on one host.</summary>
    [Range(1, 100, ErrorMessage = "Policy:MaxConcurrentUpdatesPerHost must be between 1 and 100.")]
    public int MaxConcurrentUpdatesPerHost { get; set; } = 1;

    /// <summary>At most this many updates run at once across all hosts.</summary>
    [Range(1, 10000, ErrorMessage = "Policy:MaxConcurrentUpdates must be between 1 and 10000.")]
    public int MaxConcurrentUpdates { get; set; } = 20;
}
