using Docker.DotNet.Models;
using Dockward.Agent.Journal;
using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// What one update has done so far, as its journal says: enough to report progress and to undo exactly that.
/// A step is journaled (on disk) before it is taken, so after a crash every step that may have taken effect is
/// known and undone, even when the engine call's answer was never seen.
/// </summary>
internal sealed class UpdateRun(JobJournal journal, IStepReporter steps, TimeProvider clock)
{
    public JobJournal Journal => journal;

    public JobAssignment Job => journal.Job;

    /// <summary>The name the old container waits under until the update is final.</summary>
    public string AsideName { get; } = Contracts.AsideName.For(journal.Job.ContainerName, journal.Job.JobId);

    public string Step { get; private set; } = journal.LastStep;

    public ContainerInspectResponse? Old { get; set; }

    public ImageInspectResponse? OldImage { get; set; }

    /// <summary>Containers sharing the old container's namespaces, as found before it was stopped; null until looked for.</summary>
    public IReadOnlyList<ContainerInspectResponse>? Dependents { get; set; }

    public bool WasRunning { get; private set; } = journal.Inspected?.WasRunning ?? false;

    /// <summary>The old container may have been stopped (stop-first), so a rollback starts it again.</summary>
    public bool Stopped => journal.HasStarted(StepNames.Stop);

    public bool Renamed => journal.HasStarted(StepNames.Rename);

    /// <summary>The tag may point at the new image and a new container may hold the name.</summary>
    public bool Created => journal.HasStarted(StepNames.Create);

    /// <summary>Records the container as it is before anything changes: the journal can then put it back.</summary>
    public void RecordInspected(ContainerInspectResponse old, ImageInspectResponse oldImage, bool wasRunning)
    {
        Old = old;
        OldImage = oldImage;
        WasRunning = wasRunning;
        journal.Append(new JournalEntry(0, JournalEntryKind.Inspected, clock.GetUtcNow(), OldContainerId: old.ID, OldImageId: old.Image, WasRunning: wasRunning));
    }

    /// <summary>The new container passed its gate: the update is final and is finished, never undone, whatever happens next.</summary>
    public void Commit() => journal.Append(new JournalEntry(0, JournalEntryKind.Commit, clock.GetUtcNow()));

    /// <summary>
    /// Journals and reports the start of a step. For a step that changes the container the journal line must be
    /// on disk first: if it cannot be written, the step is not taken (the exception rolls the update back).
    /// Undoing (the rollback, and recovery's note of what it is about to do) is never held up by a journal
    /// that cannot be written.
    /// </summary>
    public Task BeginAsync(string step, string message)
    {
        Step = step;
        return RecordAsync(StepStatus.Started, message, required: step is not (StepNames.Rollback or StepNames.Recover));
    }

    /// <summary>How a step ended: journaled when the disk allows, reported either way.</summary>
    public Task SucceedAsync(string? message) => RecordAsync(StepStatus.Succeeded, message, required: false);

    public Task FailAsync(string message) => RecordAsync(StepStatus.Failed, message, required: false);

    /// <summary>Ends the job: journaled before it is reported, so it is reported again (never redone) after a restart.</summary>
    public UpdateOutcome End(UpdateOutcome outcome)
    {
        var result = new JobResultReport(outcome.Outcome, outcome.FailedStep, ReportLimits.Truncate(outcome.Reason), outcome.RunningDigest);
        journal.Append(new JournalEntry(0, JournalEntryKind.Outcome, clock.GetUtcNow(), Result: result));
        return outcome;
    }

    private Task RecordAsync(StepStatus status, string? message, bool required)
    {
        var entry = new JournalEntry(0, JournalEntryKind.Step, clock.GetUtcNow(), Step, status, message);
        try
        {
            entry = journal.Append(entry);
        }
        catch (IOException) when (!required)
        {
            // The disk refused the line (full, read-only): the step is still reported, without a sequence.
        }

        return steps.ReportAsync(entry.ToReport() with { Sequence = entry.Sequence > 0 ? entry.Sequence : null }, CancellationToken.None);
    }
}
