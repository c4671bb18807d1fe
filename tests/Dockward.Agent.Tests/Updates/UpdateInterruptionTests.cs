using Dockward.Agent.Journal;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// An update cut short by the agent stopping (SIGTERM, a host shutdown) restores the container and says so as
/// "interrupted", which does not quarantine the digest; one found half-done in the journal is ended the same way.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class UpdateInterruptionTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings SlowGate = new(MonitorWindowSeconds: 60, HealthTimeoutSeconds: 60);

    private readonly DockerScope scope = new("intr");
    private DemoContainer demo = null!;
    private string repository = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain($"1.0-{scope.Prefix}"));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task An_agent_stopping_during_the_gate_restores_the_old_container_and_reports_interrupted()
    {
        var oldId = await demo.CreateAsync();
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain($"2.0-{scope.Prefix}"));
        using var stopping = new CancellationTokenSource();
        var steps = new CancelAtStep("gate", stopping);
        var options = new AgentOptions { DataDirectory = Directory.CreateTempSubdirectory("dockward-agent-test-").FullName };
        var journal = Updaters.Journal(options).Begin(new JobAssignment("20261123120000000-intrrupt", demo.Name, demo.Image, newDigest, SlowGate));

        var outcome = await Updaters.Updater(scope.Docker, options).UpdateAsync(journal, steps, stopping.Token);

        outcome.Outcome.ShouldBe(JobOutcome.Interrupted, outcome.Reason);
        outcome.FailedStep.ShouldBe("gate");
        outcome.Reason.ShouldBe("the agent is stopping");
        journal.Result!.Outcome.ShouldBe(JobOutcome.Interrupted, "the outcome is journaled before it is reported");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
    }

    [Fact]
    public async Task A_journal_left_after_the_rename_is_ended_by_putting_the_old_container_back()
    {
        // What a crashed agent leaves: the old container stopped and moved aside, the journal saying so.
        var oldId = await demo.CreateAsync();
        var options = new AgentOptions { DataDirectory = Directory.CreateTempSubdirectory("dockward-agent-test-").FullName };
        var job = new JobAssignment("20261123120000000-halfdone", demo.Name, demo.Image, "sha256:" + new string('b', 64), SlowGate);
        var journal = Updaters.Journal(options).Begin(job);
        var old = await demo.InspectAsync();
        journal.Append(new JournalEntry(0, JournalEntryKind.Inspected, DateTimeOffset.UtcNow, OldContainerId: oldId, OldImageId: old.Image, WasRunning: true));
        journal.Append(new JournalEntry(0, JournalEntryKind.Step, DateTimeOffset.UtcNow, "stop", StepStatus.Started, null));
        await scope.Docker.Containers.StopContainerAsync(oldId, new global::Docker.DotNet.Models.ContainerStopParameters { WaitBeforeKillSeconds = 2 });
        journal.Append(new JournalEntry(0, JournalEntryKind.Step, DateTimeOffset.UtcNow, "rename", StepStatus.Started, null));
        await scope.Docker.Containers.RenameContainerAsync(oldId, new global::Docker.DotNet.Models.ContainerRenameParameters { NewName = AsideName.For(demo.Name, job.JobId) }, CancellationToken.None);

        var pending = Updaters.Journal(options).Pending().ShouldHaveSingleItem();
        var outcome = await Updaters.Recovery(scope.Docker, options).ResumeAsync(pending, new RecordingStepReporter(), CancellationToken.None);

        outcome.Outcome.ShouldBe(JobOutcome.Interrupted, outcome.Reason);
        outcome.FailedStep.ShouldBe("rename");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId);
        container.State.Running.ShouldBeTrue();
        Updaters.Journal(options).Pending().ShouldHaveSingleItem().Result!.Outcome.ShouldBe(JobOutcome.Interrupted);
    }

    /// <summary>Stands for the agent being asked to stop once a given step starts.</summary>
    private sealed class CancelAtStep(string step, CancellationTokenSource stopping) : IStepReporter
    {
        public Task ReportAsync(JobStepReport report, CancellationToken cancellationToken)
        {
            if (report.Step == step && report.Status == StepStatus.Started)
            {
                stopping.CancelAfter(TimeSpan.FromSeconds(1));
            }

            return Task.CompletedTask;
        }
    }
}
