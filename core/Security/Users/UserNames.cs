using System.Text.RegularExpressions;

namespace Dockward.Core.Security.Users;

/// <summary>What a user name may be: short, printable, no look-alike tricks.</summary>
internal static partial class UserNames
{
    public const string Pattern = "^[A-Za-z0-9._@-]{3,64}$";

    public static bool IsValid(string? userName) => userName is not null && Valid().IsMatch(userName);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
