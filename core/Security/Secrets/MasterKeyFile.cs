namespace Dockward.Core.Security.Secrets;

/// <summary>Reads the key file <see cref="SecretsOptions.MasterKeyFile"/> names.</summary>
internal static class MasterKeyFile
{
    /// <summary>
    /// The key lines, trimmed, in file order (the first is the current key), each with its 1-based line number;
    /// empty lines and <c>#</c> comments are skipped. Throws the file system's exceptions when the file cannot be read.
    /// </summary>
    public static IReadOnlyList<(int LineNumber, string Text)> ReadKeyLines(string path)
    {
        var keys = new List<(int, string)>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                keys.Add((i + 1, line));
            }
        }

        return keys;
    }
}
