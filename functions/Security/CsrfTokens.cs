using System.Security.Cryptography;
using System.Text;
using Dockward.Core.Security;
using Dockward.Core.Security.Secrets;

namespace Dockward.Functions.Security;

/// <summary>
/// CSRF tokens bound to a session: an HMAC of the session id under a key derived from the master key, so a
/// token planted from elsewhere does not match the victim's session, and nothing needs storing.
/// </summary>
internal sealed class CsrfTokens(MasterKeyRing keys)
{
    private const string KeyPurpose = "dockward/csrf/v1";

    public string For(string sessionId) => Compute(keys.Current, sessionId);

    public bool IsValid(string sessionId, string? token) =>
        token is { Length: > 0 and < 100 } && keys.All.Any(key =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, sessionId)), Encoding.ASCII.GetBytes(token)));

    private static string Compute(MasterKey key, string sessionId) =>
        SecretTokens.Base64Url(HMACSHA256.HashData(DerivedKeys.Derive(key, KeyPurpose), Encoding.UTF8.GetBytes(sessionId)));
}
