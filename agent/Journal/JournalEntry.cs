using Dockward.Contracts;

namespace Dockward.Agent.Journal;

/// <summary>One line of a job's journal. Which fields are set depends on <see cref="Kind"/>.</summary>
/// <param name="Sequence">The line's number in its journal, from 1; steps are reported with it, so a replayed report is recorded once.</param>
/// <param name="Job">On <see cref="JournalEntryKind.Begin"/>: the job as the control plane handed it out.</param>
/// <param name="OldContainerId">On <see cref="JournalEntryKind.Inspected"/>: the container being updated.</param>
/// <param name="OldImageId">On <see cref="JournalEntryKind.Inspected"/>: the image it ran.</param>
/// <param name="WasRunning">On <see cref="JournalEntryKind.Inspected"/>: whether it was running (or restarting), so a rollback starts it again.</param>
/// <param name="Result">On <see cref="JournalEntryKind.Outcome"/>: the result to report.</param>
internal sealed record JournalEntry(
    int Sequence,
    JournalEntryKind Kind,
    DateTimeOffset At,
    string? Step = null,
    StepStatus? Status = null,
    string? Message = null,
    JobAssignment? Job = null,
    string? OldContainerId = null,
    string? OldImageId = null,
    bool? WasRunning = null,
    JobResultReport? Result = null)
{
    /// <summary>How a crash point names this line: <c>begin</c>, <c>inspected</c>, <c>stop:started</c>, <c>commit</c>, <c>outcome</c>…</summary>
    public string Key => Kind == JournalEntryKind.Step
        ? $"{Step}:{Status.ToString()!.ToLowerInvariant()}"
        : Kind.ToString().ToLowerInvariant();

    /// <summary>The step as the control plane records it.</summary>
    public JobStepReport ToReport() => new(Step!, Status!.Value, ReportLimits.Truncate(Message), At, Sequence);
}
