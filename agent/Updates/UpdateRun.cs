using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// What one update has done so far: enough to report progress and to undo exactly that. Each flag is set
/// before the engine call it stands for, so an undo is attempted even when the call's answer was lost.
/// </summary>
internal sealed class UpdateRun(JobAssignment job, IStepReporter steps)
{
    public JobAssignment Job { get; } = job;

    /// <summary>The name the old container waits under until the update is final.</summary>
    public string AsideName { get; } = Contracts.AsideName.For(job.ContainerName, job.JobId);

    public string Step { get; private set; } = "start";

    public ContainerInspectResponse? Old { get; set; }

    public ImageInspectResponse? OldImage { get; set; }

    public bool WasRunning { get; set; }

    public bool Stopped { get; set; }

    public bool Renamed { get; set; }

    public bool Retagged { get; set; }

    public bool Created { get; set; }

    public Task BeginAsync(string step, string message)
    {
        Step = step;
        return steps.ReportAsync(step, StepStatus.Started, message, CancellationToken.None);
    }

    public Task SucceedAsync(string? message) => steps.ReportAsync(Step, StepStatus.Succeeded, message, CancellationToken.None);

    public Task FailAsync(string message) => steps.ReportAsync(Step, StepStatus.Failed, message, CancellationToken.None);
}
