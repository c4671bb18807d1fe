using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>Where an update's steps are reported as they happen. Reporting never fails the update.</summary>
internal interface IStepReporter
{
    Task ReportAsync(string step, StepStatus status, string? message, CancellationToken cancellationToken);
}
