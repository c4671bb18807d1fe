namespace Dockward.Agent.Journal;

/// <summary>
/// A fail point for the crash-recovery tests: when the environment variable <c>DOCKWARD_TEST_CRASH_AFTER</c>
/// names a journal line (<see cref="JournalEntry.Key"/>, e.g. <c>rename:started</c>), the agent kills itself
/// with SIGKILL right after that line is on disk — the worst moment, with the step about to be taken. Unset in
/// production, where it costs one string comparison per line.
/// </summary>
internal static class CrashPoint
{
    public const string Variable = "DOCKWARD_TEST_CRASH_AFTER";

    private static readonly string? Target = Environment.GetEnvironmentVariable(Variable);

    public static void After(JournalEntry entry)
    {
        if (Target is not null && string.Equals(Target, entry.Key, StringComparison.Ordinal))
        {
            // Process.Kill on the process itself is SIGKILL: no finally blocks, no shutdown, no flushing.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
