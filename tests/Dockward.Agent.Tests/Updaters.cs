using Docker.DotNet;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Tests;

/// <summary>Runs one update with the real executor, as the agent's job runner does.</summary>
internal static class Updaters
{
    public static Task<UpdateOutcome> UpdateAsync(
        IDockerClient docker, string container, string image, string digest, HealthGateSettings gate, IStepReporter? steps = null, AgentOptions? options = null)
    {
        var updater = new ContainerUpdater(docker, new HealthGate(docker, TimeProvider.System), new HookRunner(docker), new ImagePruner(docker), Options.Create(options ?? new AgentOptions()), NullLogger<ContainerUpdater>.Instance);
        var job = new JobAssignment(Guid.NewGuid().ToString("N"), container, image, digest, gate);
        return updater.UpdateAsync(job, steps ?? new RecordingStepReporter(), CancellationToken.None);
    }
}
