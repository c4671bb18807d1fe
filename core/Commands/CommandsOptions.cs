using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Commands;

/// <summary>How commands are relayed to agents. Bound from <c>Commands</c>.</summary>
internal sealed class CommandsOptions
{
    public const string Section = "Commands";

    /// <summary>How long a start, stop or restart waits for the agent's answer.</summary>
    [Range(1, 120, ErrorMessage = "Commands:ActionTimeoutSeconds must be between 1 and 120.")]
    public int ActionTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a logs or stats read waits for the agent's answer.</summary>
    [Range(1, 60, ErrorMessage = "Commands:ReadTimeoutSeconds must be between 1 and 60.")]
    public int ReadTimeoutSeconds { get; set; } = 10;

    /// <summary>Commands older than this are pruned (timer <c>PruneCommands</c>); each lives seconds, this is only for looking into one.</summary>
    [Range(5, 10_080, ErrorMessage = "Commands:RetentionMinutes must be between 5 and 10080.")]
    public int RetentionMinutes { get; set; } = 60;
}
