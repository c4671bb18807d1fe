using System.Security.Cryptography;
using System.Text;

namespace Dockward.Core.Security.Secrets;

/// <summary>
/// Keys for other uses (token signing, the secrets' own encryption key) derived from a master key with HKDF-SHA256
/// (RFC 5869), so one setting yields independent keys and no key serves two algorithms.
/// </summary>
internal static class DerivedKeys
{
    /// <summary>
    /// The key for <paramref name="purpose"/> (HKDF info; e.g. <c>dockward/jwt-signing</c>), <paramref name="length"/>
    /// bytes long. The same master key and purpose always give the same key; another purpose gives an unrelated one.
    /// </summary>
    public static byte[] Derive(MasterKey key, string purpose, int length = 32)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        // RFC 5869 section 2.3: at most 255 hash lengths of output.
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 255 * SHA256.HashSizeInBytes);
        // No salt: the master key is already uniformly random (RFC 5869 section 3.1).
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Material, length, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }
}
