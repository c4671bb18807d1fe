namespace Dockward.Core.Security.Passwords;

/// <summary>
/// Passwords of 8 or more characters that leaked often enough to be tried first by anyone guessing
/// (<c>common-passwords.txt</c>, embedded). Read once; matching ignores case.
/// </summary>
internal sealed class CommonPasswords
{
    private const string ResourceName = "Dockward.Core.Security.Passwords.common-passwords.txt";

    private readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                _passwords.Add(line);
            }
        }
    }

    /// <summary>How many passwords the list holds.</summary>
    public int Count => _passwords.Count;

    /// <summary>Every password on the list.</summary>
    public IReadOnlyCollection<string> All => _passwords;

    /// <summary>Whether <paramref name="password"/> is on the list, ignoring case.</summary>
    public bool Contains(string password) => _passwords.Contains(password);
}
