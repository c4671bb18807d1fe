using System.Text.Json;
using Dockward.Contracts;

namespace Dockward.Agent.Journal;

/// <summary>
/// One job's journal: a file of JSON lines, each fsynced before the agent acts on it. Read back after a
/// restart, it says what the job may have done (every started step) and how it ended, if it did.
/// </summary>
internal sealed class JobJournal
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<JournalEntry> entries;
    private readonly HashSet<int> delivered = [];
    private readonly Lock gate = new();

    private JobJournal(string path, List<JournalEntry> entries)
    {
        Path = path;
        this.entries = entries;
    }

    public string Path { get; }

    public JobAssignment Job => entries[0].Job!;

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>The container as it was before the update, once inspected.</summary>
    public JournalEntry? Inspected => Entries.FirstOrDefault(e => e.Kind == JournalEntryKind.Inspected);

    /// <summary>True once the update passed its gate: it is then finished, never rolled back.</summary>
    public bool Committed => Entries.Any(e => e.Kind == JournalEntryKind.Commit);

    /// <summary>How the job ended, once it has.</summary>
    public JobResultReport? Result => Entries.LastOrDefault(e => e.Kind == JournalEntryKind.Outcome)?.Result;

    /// <summary>True when <paramref name="step"/> was started: its effect may be in place even if the agent died during it.</summary>
    public bool HasStarted(string step) => Entries.Any(e => e.Kind == JournalEntryKind.Step && e.Step == step && e.Status == StepStatus.Started);

    /// <summary>The last step started: where a job that was cut off stood.</summary>
    public string LastStep => Entries.LastOrDefault(e => e.Kind == JournalEntryKind.Step)?.Step ?? "start";

    /// <summary>Starts the journal of <paramref name="job"/> at <paramref name="path"/>.</summary>
    public static JobJournal Create(string path, JobAssignment job, DateTimeOffset at)
    {
        var journal = new JobJournal(path, []);
        journal.Append(new JournalEntry(0, JournalEntryKind.Begin, at, Job: job));
        return journal;
    }

    /// <summary>
    /// Reads a journal back. A line that does not parse was being written when the agent died: it was never on
    /// disk as a whole, so its step was never taken, and it is skipped (lines written after a restart follow it on
    /// lines of their own). Null when not even the first line is whole.
    /// </summary>
    public static JobJournal? Read(string path, Action<string> warn)
    {
        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadLines(path))
        {
            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalEntry>(line, Json);
            }
            catch (JsonException e)
            {
                warn($"{path}: a line is not whole ({e.Message}); it was cut off by a crash, and is skipped");
                continue;
            }

            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries is [{ Kind: JournalEntryKind.Begin, Job: not null }, ..] ? new JobJournal(path, entries) : null;
    }

    /// <summary>Writes the entry to disk (numbered) and returns it as written. Only returns once it is durable.</summary>
    public JournalEntry Append(JournalEntry entry)
    {
        lock (gate)
        {
            var numbered = entry with { Sequence = entries.Count == 0 ? 1 : entries[^1].Sequence + 1 };
            DurableFile.AppendLine(Path, JsonSerializer.Serialize(numbered, Json));
            entries.Add(numbered);
            CrashPoint.After(numbered);
            return numbered;
        }
    }

    /// <summary>Steps the control plane has not acknowledged in this process (after a restart: all of them).</summary>
    public IReadOnlyList<JournalEntry> UndeliveredSteps()
    {
        lock (gate)
        {
            return entries.Where(e => e.Kind == JournalEntryKind.Step && !delivered.Contains(e.Sequence)).ToList();
        }
    }

    public void MarkDelivered(int sequence)
    {
        lock (gate)
        {
            delivered.Add(sequence);
        }
    }
}
