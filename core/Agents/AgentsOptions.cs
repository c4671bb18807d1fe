using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Agents;

/// <summary>How agents talk to the control plane. Bound from <c>Agents</c>.</summary>
internal sealed class AgentsOptions
{
    public const string Section = "Agents";

    /// <summary>The longest an agent's job long-poll is held open, in seconds.</summary>
    [Range(1, 120, ErrorMessage = "Agents:MaxJobWaitSeconds must be between 1 and 120.")]
    public int MaxJobWaitSeconds { get; set; } = 30;

    /// <summary>
    /// An agent not heard from for this long is offline: its containers show as <c>unknown</c>. Three of the agent's
    /// default 30 s heartbeats.
    /// </summary>
    [Range(10, 86_400, ErrorMessage = "Agents:OfflineAfterSeconds must be between 10 and 86400.")]
    public int OfflineAfterSeconds { get; set; } = 90;
}
