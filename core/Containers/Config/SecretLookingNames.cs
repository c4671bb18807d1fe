using System.Text.RegularExpressions;

namespace Dockward.Core.Containers.Config;

/// <summary>
/// Which environment variables are shown masked to anyone but an admin: a name that says it holds a secret, or a
/// value that carries credentials in a URL (<c>postgres://user:pass@db</c>). Masking too much is harmless; a
/// leaked password is not.
/// </summary>
internal static partial class SecretLookingNames
{
    /// <summary>What a masked value is shown as.</summary>
    public const string Mask = "••••••";

    public static bool IsSecret(string name, string? value) =>
        SecretName().IsMatch(name) || (value is not null && CredentialsInUrl().IsMatch(value));

    [GeneratedRegex("PASS|PWD|SECRET|TOKEN|KEY|CREDENTIAL|AUTH|PRIVATE|CERT|SALT|DSN|CONNECTION", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("://[^/@\\s:]+:[^/@\\s]+@")]
    private static partial Regex CredentialsInUrl();
}
