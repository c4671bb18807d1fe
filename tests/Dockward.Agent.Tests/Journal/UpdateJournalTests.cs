using Dockward.Agent.Journal;
using Dockward.Contracts;

namespace Dockward.Agent.Tests.Journal;

/// <summary>The journal on disk: what a restarted agent can rely on reading back.</summary>
[Trait("Area", "Update")]
public sealed class UpdateJournalTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly AgentOptions options = new() { DataDirectory = Directory.CreateTempSubdirectory("dockward-journal-").FullName };

    public void Dispose() => Directory.Delete(options.DataDirectory, recursive: true);

    [Fact]
    public void Lines_are_numbered_and_read_back_as_written()
    {
        var journal = Updaters.Journal(options).Begin(Job("20261123120000000-aaaaaaaa"));
        journal.Append(new JournalEntry(0, JournalEntryKind.Inspected, At, OldContainerId: "old-id", OldImageId: "sha256:old", WasRunning: true));
        journal.Append(new JournalEntry(0, JournalEntryKind.Step, At, "stop", StepStatus.Started, "stopping web"));

        var read = Updaters.Journal(options).Pending().ShouldHaveSingleItem();

        read.Entries.Select(e => e.Sequence).ShouldBe([1, 2, 3]);
        read.Job.ShouldBe(journal.Job);
        read.Inspected!.OldContainerId.ShouldBe("old-id");
        read.HasStarted("stop").ShouldBeTrue();
        read.HasStarted("rename").ShouldBeFalse();
        read.Committed.ShouldBeFalse();
        read.Result.ShouldBeNull();
    }

    [Fact]
    public void A_last_line_cut_off_by_a_crash_is_ignored_so_its_step_counts_as_never_started()
    {
        var journal = Updaters.Journal(options).Begin(Job("20261123120000000-bbbbbbbb"));
        journal.Append(new JournalEntry(0, JournalEntryKind.Step, At, "stop", StepStatus.Started, "stopping web"));
        File.AppendAllText(journal.Path, """{"sequence":3,"kind":"step","at":"2026-11-23T12:00:00+00:00","step":"ren""");

        var read = Updaters.Journal(options).Pending().ShouldHaveSingleItem();

        read.Entries.Count.ShouldBe(2);
        read.HasStarted("stop").ShouldBeTrue();
        read.HasStarted("rename").ShouldBeFalse();
    }

    [Fact]
    public void Lines_written_after_a_torn_line_stand_on_their_own()
    {
        var journal = Updaters.Journal(options).Begin(Job("20261123120000000-abababab"));
        File.AppendAllText(journal.Path, """{"sequence":2,"kind":"step","at":"2026-11-23T12:00:00+00:00","step":"sto""");
        var resumed = Updaters.Journal(options).Pending().ShouldHaveSingleItem();

        resumed.Append(new JournalEntry(0, JournalEntryKind.Step, At, "recover", StepStatus.Started, "restoring"));
        resumed.Append(new JournalEntry(0, JournalEntryKind.Outcome, At, Result: new JobResultReport(JobOutcome.Interrupted, "stop", "the agent stopped", null)));

        var read = Updaters.Journal(options).Pending().ShouldHaveSingleItem();
        read.Entries.Select(e => e.Kind).ShouldBe([JournalEntryKind.Begin, JournalEntryKind.Step, JournalEntryKind.Outcome]);
        read.Entries.Select(e => e.Sequence).ShouldBe([1, 2, 3]);
        read.Result!.Outcome.ShouldBe(JobOutcome.Interrupted);
    }

    [Fact]
    public void A_journal_cut_off_before_its_job_was_written_is_removed_as_a_job_never_taken()
    {
        var folder = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "journal"));
        File.WriteAllText(Path.Combine(folder.FullName, "20261123120000000-cccccccc.journal"), """{"sequence":1,"kind":"beg""");

        Updaters.Journal(options).Pending().ShouldBeEmpty();

        folder.GetFiles().ShouldBeEmpty();
    }

    [Fact]
    public void Taking_a_job_again_keeps_the_journal_of_what_was_done_and_completing_it_removes_it()
    {
        var journals = Updaters.Journal(options);
        var first = journals.Begin(Job("20261123120000000-dddddddd"));
        first.Append(new JournalEntry(0, JournalEntryKind.Commit, At));

        var again = journals.Begin(first.Job);
        again.Committed.ShouldBeTrue();
        journals.Complete(again);

        journals.Pending().ShouldBeEmpty();
    }

    [Fact]
    public void Pending_journals_come_oldest_job_first()
    {
        var journals = Updaters.Journal(options);
        journals.Begin(Job("20261123120000000-ffffffff"));
        Thread.Sleep(5);
        journals.Begin(Job("20261123110000000-eeeeeeee"));

        journals.Pending().Select(j => j.Job.JobId).ShouldBe(["20261123120000000-ffffffff", "20261123110000000-eeeeeeee"]);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("a b")]
    public void A_job_id_that_cannot_name_a_file_is_refused(string jobId)
    {
        UpdateJournal.IsValidJobId(jobId).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Updaters.Journal(options).Begin(Job(jobId)));
        Directory.GetFiles(Path.Combine(options.DataDirectory, "journal")).ShouldBeEmpty();
    }

    private static JobAssignment Job(string id) =>
        new(id, "web", "127.0.0.1:5000/team/web:latest", "sha256:" + new string('b', 64), new HealthGateSettings(2, 15));
}
