using Dockward.Contracts;

namespace Dockward.Core.Updates;

/// <summary>One reported step of an update job.</summary>
/// <param name="Sequence">The agent's number for the step; a report with a number already recorded is not recorded again.</param>
internal sealed record JobStep(string Name, StepStatus Status, string? Message, DateTimeOffset At, int? Sequence = null);
