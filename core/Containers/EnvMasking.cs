using System.Text.RegularExpressions;

namespace Dockward.Core.Containers;

/// <summary>
/// Which environment values look secret, and hiding them from everyone but admins. A value is secret-looking when
/// its name says so (PASSWORD, PASSWD, SECRET, TOKEN, KEY, CREDENTIAL, PRIVATE, AUTH) or it is a connection string or
/// URL carrying a password. Guessing wrong one way shows a secret, the other way hides a harmless value, so the
/// rule leans to hiding.
/// </summary>
internal static partial class EnvMasking
{
    public const string Mask = "••••••";

    private static readonly string[] SecretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE", "AUTH"];

    /// <summary><paramref name="env"/> (<c>KEY=VALUE</c>, as Docker keeps it) by name and value, secret-looking values masked unless <paramref name="reveal"/>.</summary>
    public static IReadOnlyList<EnvVariable> Show(IEnumerable<string> env, bool reveal) => env.Select(entry =>
    {
        var cut = entry.IndexOf('=', StringComparison.Ordinal);
        var (name, value) = cut < 0 ? (entry, "") : (entry[..cut], entry[(cut + 1)..]);
        return !reveal && IsSecret(name, value) ? new EnvVariable(name, Mask, true) : new EnvVariable(name, value, false);
    }).ToList();

    public static bool IsSecret(string name, string value) =>
        SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)) || PasswordInConnectionString().IsMatch(value) || PasswordInUrl().IsMatch(value);

    // ADO.NET, ODBC and libpq keyword strings: Password=…, Pwd=…, password=… (libpq key=value).
    [GeneratedRegex(@"(^|[;\s])\s*(password|pwd)\s*=\s*[^;\s]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordInConnectionString();

    // scheme://user:password@host (postgres, mysql, redis, amqp, mongodb, http…).
    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^/@:\s]*:[^/@\s]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordInUrl();
}
