using System.Security.Cryptography;
using System.Text;

namespace Dockward.Core.Security;

/// <summary>
/// Random bearer secrets and their stored form. Tokens look like <c>{prefix}_{id}_{secret}</c>: the id finds the
/// record, the secret is only ever stored as its SHA-256 (it has 256 bits of entropy, so a slow hash adds nothing).
/// </summary>
internal static class SecretTokens
{
    /// <summary>32 random bytes, base64url without padding.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>16 random bytes as 32 lower-case hex characters.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="value"/> looks like an id this system makes (32 hex characters): checked before any store lookup.</summary>
    public static bool IsId(string? value) => value is { Length: 32 } && value.All(Uri.IsHexDigit);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="expectedHash"/>, in constant time.</summary>
    public static bool Matches(string secret, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expectedHash));

    public static string Format(string prefix, string id, string secret) => $"{prefix}_{id}_{secret}";

    /// <summary>Splits <c>{prefix}_{id}_{secret}</c>; false for anything else.</summary>
    public static bool TryParse(string? token, string prefix, out string id, out string secret)
    {
        id = secret = "";
        if (token is null || token.Length > 200 || !token.StartsWith(prefix + "_", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token[(prefix.Length + 1)..];
        var separator = rest.IndexOf('_', StringComparison.Ordinal);
        if (separator != 32 || rest.Length <= 33 || !rest[..32].All(Uri.IsHexDigit))
        {
            return false;
        }

        id = rest[..32];
        secret = rest[33..];
        return true;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
