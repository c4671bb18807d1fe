using Dockward.Contracts;

namespace Dockward.Agent.Tests.Journal;

/// <summary>A job's target image and strategy are in its journal, so a restarted agent (or the self-update helper) ends the update the job asked for.</summary>
[Trait("Area", "Policy")]
public sealed class JournalPolicyTests : IDisposable
{
    private readonly AgentOptions options = new() { DataDirectory = Directory.CreateTempSubdirectory("dockward-journal-").FullName };

    public void Dispose() => Directory.Delete(options.DataDirectory, recursive: true);

    [Fact]
    public void The_target_image_and_the_strategy_are_read_back_from_the_journal()
    {
        var job = new JobAssignment(
            "20261205120000000-policy01", "web", "registry:5000/app:1.2.0", "sha256:" + new string('c', 64), new HealthGateSettings(30, 60),
            TargetImage: "registry:5000/app:1.3.0", Strategy: "blue-green");
        Updaters.Journal(options).Begin(job);

        var read = Updaters.Journal(options).Pending().ShouldHaveSingleItem();

        read.Job.ShouldBe(job);
    }

    [Fact]
    public void A_journal_written_before_jobs_had_a_target_image_or_strategy_reads_back_without_them()
    {
        var directory = Path.Combine(options.DataDirectory, "journal");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "20261205120000000-policy02.journal"), """
            {"sequence":1,"kind":"begin","at":"2026-12-05T12:00:00+00:00","job":{"jobId":"20261205120000000-policy02","containerName":"web","image":"registry:5000/app:latest","targetDigest":"sha256:cc","gate":{"monitorWindowSeconds":30,"healthTimeoutSeconds":60}}}

            """);

        var read = Updaters.Journal(options).Pending().ShouldHaveSingleItem();

        read.Job.Image.ShouldBe("registry:5000/app:latest");
        read.Job.TargetImage.ShouldBeNull();
        read.Job.Strategy.ShouldBeNull();
    }
}
