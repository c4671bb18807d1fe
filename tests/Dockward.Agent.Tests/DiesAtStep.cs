using Dockward.Agent.Updates;
using Dockward.Contracts;

namespace Dockward.Agent.Tests;

/// <summary>
/// Stands for a SIGKILL right after a step's journal line is on disk, in process: the report of that line never
/// returns, so the update never goes on, and the journal on disk is what a killed agent leaves for recovery.
/// </summary>
internal sealed class DiesAtStep(string step, StepStatus status) : IStepReporter
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the update has stopped dead at the step.</summary>
    public Task Reached => reached.Task;

    public Task ReportAsync(JobStepReport report, CancellationToken cancellationToken)
    {
        if (report.Step != step || report.Status != status)
        {
            return Task.CompletedTask;
        }

        reached.TrySetResult();
        return new TaskCompletionSource().Task;
    }
}
