using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>Where an update's steps are reported as they happen, after they are journaled. Reporting never fails the update.</summary>
internal interface IStepReporter
{
    Task ReportAsync(JobStepReport step, CancellationToken cancellationToken);
}
