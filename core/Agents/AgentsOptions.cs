using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Agents;

/// <summary>How agents talk to the control plane. Bound from <c>Agents</c>.</summary>
internal sealed class AgentsOptions
{
    public const string Section = "Agents";

    /// <summary>The longest an agent's job long-poll is held open, in seconds.</summary>
    [Range(1, 120, ErrorMessage = "Agents:MaxJobWaitSeconds must be between 1 and 120.")]
    public int MaxJobWaitSeconds { get; set; } = 30;
}
