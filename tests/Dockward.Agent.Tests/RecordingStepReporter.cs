using System.Collections.Concurrent;
using Dockward.Agent.Updates;
using Dockward.Contracts;

namespace Dockward.Agent.Tests;

/// <summary>Keeps the steps an update reported, in order.</summary>
internal sealed class RecordingStepReporter : IStepReporter
{
    private readonly ConcurrentQueue<JobStepReport> steps = new();

    public IReadOnlyList<JobStepReport> Steps => [.. steps];

    public Task ReportAsync(JobStepReport step, CancellationToken cancellationToken)
    {
        steps.Enqueue(step);
        return Task.CompletedTask;
    }
}
