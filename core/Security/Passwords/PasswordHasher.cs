using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Dockward.Core.Security.Passwords;

/// <summary>
/// Hashes passwords with Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane; Password Storage Cheat
/// Sheet) and checks them in constant time. Thread-safe: every call has its own Argon2 state.
/// </summary>
/// <remarks>
/// Passwords are hashed as their UTF-8 bytes, without Unicode normalization: the app runs with invariant
/// globalization, where <see cref="string.Normalize()"/> does nothing, and normalizing later would change every hash.
/// </remarks>
internal sealed class PasswordHasher
{
    // OWASP Password Storage Cheat Sheet, Argon2id: m=19456 (19 MiB), t=2, p=1.
    private const int OwaspMemoryKiB = 19456;
    private const int OwaspIterations = 2;
    private const int OwaspParallelism = 1;
    private const int SaltSize = 16;
    private const int HashSize = 32;

    // Random bytes rather than the hash of a password: Burn checks against them at full cost and matches nothing.
    // Never written, so every thread can read them.
    private static readonly byte[] DummySalt = Convert.FromBase64String("YUled9BRHAVVOlZ8Qb/36g==");
    private static readonly byte[] DummyHash = Convert.FromBase64String("2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE=");

    private readonly int _memoryKiB;
    private readonly int _iterations;
    private readonly int _parallelism;

    /// <summary>A hasher with OWASP's parameters, the one the app uses.</summary>
    public PasswordHasher()
        : this(OwaspMemoryKiB, OwaspIterations, OwaspParallelism)
    {
    }

    /// <summary>A hasher with other parameters, for tests that need old, weaker hashes.</summary>
    internal PasswordHasher(int memoryKiB, int iterations, int parallelism)
    {
        _memoryKiB = memoryKiB;
        _iterations = iterations;
        _parallelism = parallelism;
    }

    /// <summary>A new salted hash of <paramref name="password"/> (not empty) as a PHC string, to store.</summary>
    public string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Compute(password, _memoryKiB, _iterations, _parallelism, salt, HashSize);
        return new Argon2idHash(_memoryKiB, _iterations, _parallelism, salt, hash).ToString();
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="encoded"/>, a <see cref="Hash"/> result. An empty,
    /// malformed or foreign hash is <see cref="PasswordVerification.Failed"/> (never an exception) and costs as long
    /// as a real check, so timing does not tell a user without a usable hash apart. An empty password fails at once
    /// (Argon2 cannot take one), for every user alike.
    /// </summary>
    public PasswordVerification Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0)
        {
            return PasswordVerification.Failed;
        }

        if (!Argon2idHash.TryParse(encoded, out var stored))
        {
            Burn(password);
            return PasswordVerification.Failed;
        }

        var actual = Compute(password, stored.MemoryKiB, stored.Iterations, stored.Parallelism, stored.Salt, stored.Hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, stored.Hash))
        {
            return PasswordVerification.Failed;
        }

        var weaker = stored.MemoryKiB < _memoryKiB || stored.Iterations < _iterations || stored.Salt.Length < SaltSize || stored.Hash.Length < HashSize;
        return weaker ? PasswordVerification.SucceededRehashNeeded : PasswordVerification.Succeeded;
    }

    /// <summary>
    /// Does the work of one verification of a current hash and throws the result away: call it when the user name is
    /// unknown, so that a failed login takes as long whether or not the account exists.
    /// </summary>
    public void Burn(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0)
        {
            // Verify fails an empty password at once too, so there is nothing to match.
            return;
        }

        var actual = Compute(password, _memoryKiB, _iterations, _parallelism, DummySalt, HashSize);
        _ = CryptographicOperations.FixedTimeEquals(actual, DummyHash);
    }

    private static byte[] Compute(string password, int memoryKiB, int iterations, int parallelism, byte[] salt, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            using var argon2 = new Argon2id(bytes)
            {
                Salt = salt,
                MemorySize = memoryKiB,
                Iterations = iterations,
                DegreeOfParallelism = parallelism,
            };
            return argon2.GetBytes(length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
