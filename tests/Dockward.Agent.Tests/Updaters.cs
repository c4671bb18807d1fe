using Docker.DotNet;
using Dockward.Agent.Docker;
using Dockward.Agent.Journal;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Tests;

/// <summary>Runs one update with the real executor and a real journal (in a temporary directory), as the agent's job runner does.</summary>
internal static class Updaters
{
    /// <param name="targetImage">The job's <c>TargetImage</c>: a newer tag to move to; null keeps the tag.</param>
    /// <param name="strategy">The job's <c>Strategy</c>; null leaves it to the container's label.</param>
    public static Task<UpdateOutcome> UpdateAsync(
        IDockerClient docker, string container, string image, string digest, HealthGateSettings gate, IStepReporter? steps = null, AgentOptions? options = null,
        string? targetImage = null, string? strategy = null)
    {
        options ??= new AgentOptions();
        options.DataDirectory = Directory.CreateTempSubdirectory("dockward-agent-test-").FullName;
        var journal = Journal(options).Begin(new JobAssignment(Guid.NewGuid().ToString("N"), container, image, digest, gate, targetImage, strategy));
        return Updater(docker, options).UpdateAsync(journal, steps ?? new RecordingStepReporter(), CancellationToken.None);
    }

    public static UpdateJournal Journal(AgentOptions options) =>
        new(Options.Create(options), TimeProvider.System, NullLogger<UpdateJournal>.Instance);

    public static ContainerUpdater Updater(IDockerClient docker, AgentOptions options) =>
        new(docker, new HealthGate(docker, TimeProvider.System), new HookRunner(docker), new ImagePruner(docker), Rollback(docker), Dependents(docker),
            new AliasSwitch(docker), EngineApi.Default, Options.Create(options), TimeProvider.System, NullLogger<ContainerUpdater>.Instance);

    public static UpdateRecovery Recovery(IDockerClient docker, AgentOptions options) =>
        new(docker, Updater(docker, options), Rollback(docker), Dependents(docker), TimeProvider.System, NullLogger<UpdateRecovery>.Instance);

    public static NamespaceDependents Dependents(IDockerClient docker) => new(docker, EngineApi.Default, NullLogger<NamespaceDependents>.Instance);

    private static UpdateRollback Rollback(IDockerClient docker) => new(docker, Dependents(docker), NullLogger<UpdateRollback>.Instance);
}
