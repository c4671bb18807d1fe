namespace Dockward.Core.Security.Passwords;

/// <summary>
/// Which passwords a user may choose, after NIST SP 800-63B (rev. 4, section 3.1.1.2) and OWASP ASVS 5.0 (V6.2):
/// a length range and a block list, and no composition rules (any Unicode, spaces included), which only push people
/// towards predictable patterns.
/// </summary>
internal sealed class PasswordPolicy(CommonPasswords commonPasswords)
{
    /// <summary>The fewest characters a password may have.</summary>
    public const int MinimumLength = 8;

    /// <summary>The most characters a password may have; well above any passphrase, low enough to bound hashing input.</summary>
    public const int MaximumLength = 128;

    // Shorter names ("al", "jo") occur inside too many good passwords to refuse them.
    private const int ShortestUserNameChecked = 3;

    /// <summary>
    /// Null when <paramref name="password"/> is acceptable for <paramref name="userName"/>; otherwise the first
    /// problem, as one sentence to show the user. Characters are Unicode code points, as NIST counts them.
    /// </summary>
    public string? FirstProblem(string password, string userName)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(userName);
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength)
        {
            return $"Use at least {MinimumLength} characters; a few words with spaces between them make a good password.";
        }

        if (length > MaximumLength)
        {
            return $"Use at most {MaximumLength} characters.";
        }

        var name = userName.Trim();
        if (name.Length >= ShortestUserNameChecked && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return "Choose a password that does not contain your user name.";
        }

        if (commonPasswords.Contains(password))
        {
            return "This password is one of the most common ones and is guessed quickly; choose another.";
        }

        return null;
    }
}
