namespace Dockward.Contracts;

/// <summary>One step of a job as it happens.</summary>
/// <param name="Step">The step's name, e.g. <c>pull</c>, <c>create</c>, <c>gate</c>.</param>
/// <param name="Status">Started, succeeded or failed.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="At">When, on the agent's clock.</param>
/// <param name="Sequence">
/// The step's place in the agent's journal of this job (1, 2, …): a report sent again (its answer was lost, or
/// the agent restarted and replays its journal) carries the same number and is recorded once.
/// </param>
public sealed record JobStepReport(string Step, StepStatus Status, string? Message, DateTimeOffset At, int? Sequence = null);
