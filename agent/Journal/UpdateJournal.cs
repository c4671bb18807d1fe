using Dockward.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Journal;

/// <summary>
/// The agent's journal directory (<c>{DataDirectory}/journal</c>): one file per job, kept until the control
/// plane has the job's result, so a restarted agent finishes, rolls back or reports what was in flight.
/// </summary>
internal sealed class UpdateJournal(IOptions<AgentOptions> options, TimeProvider clock, ILogger<UpdateJournal> logger)
{
    private const string Extension = ".journal";

    public string Directory => Path.Combine(options.Value.DataDirectory, "journal");

    /// <summary>Starts a job's journal; its first line is on disk before this returns.</summary>
    public JobJournal Begin(JobAssignment job)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName(job.JobId));
        if (File.Exists(path))
        {
            // The control plane handed out a job this agent already has a journal of: keep the journal, which knows what was done.
            return JobJournal.Read(path, Warn) ?? throw new InvalidOperationException($"the journal {path} is damaged; move it away to let the job run again");
        }

        return JobJournal.Create(path, job, clock.GetUtcNow());
    }

    /// <summary>Every journal still on disk, oldest job first: in flight when the agent stopped, or not yet reported.</summary>
    public IReadOnlyList<JobJournal> Pending()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var journals = new List<JobJournal>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            if (JobJournal.Read(path, Warn) is { } journal)
            {
                journals.Add(journal);
            }
            else
            {
                // Not even the job was written: the agent died taking it, before it did anything.
                logger.LogWarning("Journal {Path} holds no job (the agent stopped while taking it); removing it", path);
                File.Delete(path);
            }
        }

        return journals.OrderBy(j => j.Entries[0].At).ToList();
    }

    /// <summary>Forgets a job whose result the control plane has (or refused for good).</summary>
    public void Complete(JobJournal journal)
    {
        File.Delete(journal.Path);
        logger.LogDebug("Job {JobId} is reported; its journal is removed", journal.Job.JobId);
    }

    /// <summary>True for a job id that can name a journal file (the control plane's ids are digits, letters and a dash).</summary>
    public static bool IsValidJobId(string? jobId) =>
        jobId is { Length: > 0 and <= 100 } && jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string FileName(string jobId) =>
        IsValidJobId(jobId) ? jobId + Extension : throw new ArgumentException($"job id '{jobId}' cannot name a journal file", nameof(jobId));

    private void Warn(string message) => logger.LogWarning("{Problem}", message);
}
