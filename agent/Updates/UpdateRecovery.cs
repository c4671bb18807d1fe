using Docker.DotNet;
using Dockward.Agent.Journal;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Updates;

/// <summary>
/// Ends, after a restart, an update the agent was in the middle of, from its journal alone (no control plane
/// needed): finished when it had passed its gate, otherwise rolled back, or left alone when nothing had been
/// changed yet. The outcome is journaled, so it is reported and never redone.
/// </summary>
internal sealed partial class UpdateRecovery(
    IDockerClient docker, ContainerUpdater updater, UpdateRollback rollback, NamespaceDependents dependents, TimeProvider clock, ILogger<UpdateRecovery> logger)
{
    public async Task<UpdateOutcome> ResumeAsync(JobJournal journal, IStepReporter steps, CancellationToken cancellationToken)
    {
        var run = new UpdateRun(journal, steps, clock);
        var job = run.Job;
        var cutOff = journal.LastStep;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["Container"] = job.ContainerName });
        LogResuming(job.JobId, job.ContainerName, cutOff);

        if (journal.Committed)
        {
            await run.BeginAsync(StepNames.Recover, $"the agent restarted during step {cutOff}, after the new container passed its gate: finishing the update");
            await run.SucceedAsync(null);
            return run.End(await updater.FinishAsync(run, cancellationToken));
        }

        var changed = run.Stopped || run.Renamed || run.Created;
        if (journal.Inspected is not { OldContainerId: { } oldId } || !changed)
        {
            var untouched = $"the agent stopped during step {cutOff}, before it changed anything; {job.ContainerName} was left as it was";
            await run.BeginAsync(StepNames.Recover, untouched);
            await run.SucceedAsync(null);
            // A refusal (a failing pre-update hook, a bad label) that was cut off before its outcome stays a refusal.
            return run.End(FailureBeforeTheCut(journal) is { } refused
                ? UpdateOutcome.Failed(refused.Step!, refused.Message ?? untouched)
                : UpdateOutcome.Failed(cutOff, untouched) with { Outcome = JobOutcome.Interrupted });
        }

        await run.BeginAsync(StepNames.Recover, $"the agent restarted during step {cutOff}: restoring the old container");
        try
        {
            run.Old = await docker.Containers.InspectContainerAsync(oldId, cancellationToken);
            run.OldImage = await docker.Images.InspectImageAsync(run.Old.Image, cancellationToken);
            run.Dependents = await dependents.FindAsync(run.Old, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            var lost = $"the agent stopped during step {cutOff} and the old container {oldId[..12]} no longer exists; check {job.ContainerName} by hand";
            await run.FailAsync(lost);
            return run.End(UpdateOutcome.Failed(cutOff, lost));
        }

        await run.SucceedAsync(null);

        // A step that had failed (the gate, a refused create) before the agent died was a real failure, rolled
        // back or about to be: finish that rollback and report that failure, as the agent would have.
        if (FailureBeforeTheCut(journal) is { } failure)
        {
            return run.End(await rollback.RollBackAsync(run, failure.Step!, failure.Message ?? "the update failed"));
        }

        var outcome = await rollback.RollBackAsync(run, cutOff, $"the agent stopped during step {cutOff}");
        return run.End(outcome.Outcome == JobOutcome.RolledBack ? outcome with { Outcome = JobOutcome.Interrupted } : outcome);
    }

    /// <summary>
    /// The step that failed before the agent died, if one did (not the rollback itself, and not the agent being
    /// asked to stop: that is an interruption, not a failure of the update).
    /// </summary>
    private static JournalEntry? FailureBeforeTheCut(JobJournal journal) =>
        journal.Entries.LastOrDefault(e => e is { Kind: JournalEntryKind.Step, Status: StepStatus.Failed }
            && e.Step is not (StepNames.Rollback or StepNames.Recover)
            && e.Message != ContainerUpdater.AgentStopping);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the agent stopped while updating {Container} (step {Step}); ending the update from its journal")]
    private partial void LogResuming(string jobId, string container, string step);
}
