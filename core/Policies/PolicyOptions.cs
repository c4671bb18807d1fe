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
}
