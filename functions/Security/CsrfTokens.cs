using System.Security.Cryptography;
using System.Text;
using Dockward.Core.Security;
using Dockward.Core.Security.Secrets;

namespace Dockward.Functions.Security;

/// <summary>
/// CSRF tokens bound to a session: an HMAC of the session id under a key derived from the master key, so a
/// token planted from elsewhere does not match the victim's session, and nothing needs storing.
/// </summary>
internal sealed class CsrfTokens
{
    private const string KeyPurpose = "dockward/csrf/v1";

    private readonly byte[] current;
    private readonly byte[][] all;

    public CsrfTokens(MasterKeyRing keys)
    {
        // Derived once: every cookie-authenticated change checks a token.
        current = DerivedKeys.Derive(keys.Current, KeyPurpose);
        all = [.. keys.All.Select(key => DerivedKeys.Derive(key, KeyPurpose))];
    }

    public string For(string sessionId) => Compute(current, sessionId);

    public bool IsValid(string sessionId, string? token) =>
        token is { Length: > 0 and < 100 } && all.Any(key =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, sessionId)), Encoding.ASCII.GetBytes(token)));

    private static string Compute(byte[] key, string sessionId) =>
        SecretTokens.Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(sessionId)));
}
