using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Agents;

/// <summary>How agents join. Bound from <c>Agents</c>.</summary>
internal sealed class AgentsOptions
{
    public const string Section = "Agents";

    /// <summary>The shared token an agent presents to enrol (the security issue replaces it with one-time tokens).</summary>
    [Required(ErrorMessage = "Agents:EnrolmentToken is required (env DOCKWARD_AGENTS__ENROLMENTTOKEN): agents present it to enrol.")]
    [MinLength(16, ErrorMessage = "Agents:EnrolmentToken must be at least 16 characters.")]
    public string EnrolmentToken { get; set; } = "";

    /// <summary>The longest an agent's job long-poll is held open, in seconds.</summary>
    [Range(1, 120, ErrorMessage = "Agents:MaxJobWaitSeconds must be between 1 and 120.")]
    public int MaxJobWaitSeconds { get; set; } = 30;
}
