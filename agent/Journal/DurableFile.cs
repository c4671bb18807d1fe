using System.Runtime.InteropServices;
using System.Text;

namespace Dockward.Agent.Journal;

/// <summary>
/// Appends that are on the disk when the call returns: the data is fsynced, and a new file's directory entry
/// too, so neither a crash nor a power cut can lose a line the agent went on to act on.
/// </summary>
internal static partial class DurableFile
{
    /// <summary>
    /// Appends <paramref name="line"/> and a newline to <paramref name="path"/>, creating it if needed, and fsyncs it.
    /// A file that does not end with a newline (a line torn by a crash) gets one first, so the new line stands on
    /// its own and the torn one alone is unreadable.
    /// </summary>
    public static void AppendLine(string path, string line)
    {
        var created = !File.Exists(path);
        using (var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
        {
            var torn = false;
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                torn = stream.ReadByte() != '\n';
            }

            stream.Seek(0, SeekOrigin.End);
            stream.Write(Encoding.UTF8.GetBytes((torn ? "\n" : "") + line + "\n"));
            stream.Flush(flushToDisk: true);
        }

        if (created)
        {
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }

    /// <summary>fsync on a directory, which .NET has no API for: makes the names of files created in it durable.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the agent runs on Linux; elsewhere (development) a file's own fsync has to do
        }

        const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux
        var descriptor = Open(directory, ReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"cannot flush {directory} to disk (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
