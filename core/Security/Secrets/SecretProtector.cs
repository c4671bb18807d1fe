using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Dockward.Core.Security.Secrets;

/// <summary>
/// Encrypts secrets for storage (registry passwords, notifier tokens) with AES-256-GCM under the ring's current key,
/// bound to what they are for and the record they belong to. A protected secret reads
/// <c>dw1.{key id}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>. Thread-safe.
/// </summary>
internal sealed class SecretProtector
{
    private const string Format = "dw1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // AES keys are derived per master key, so the master key itself only ever feeds HKDF (never two algorithms).
    private const string EncryptionKeyPurpose = "dockward/secrets/" + Format;

    private readonly FrozenDictionary<string, byte[]> _encryptionKeys;
    private readonly string _currentKeyId;
    private readonly string _currentPrefix;

    public SecretProtector(MasterKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _encryptionKeys = ring.All.ToFrozenDictionary(key => key.Id, key => DerivedKeys.Derive(key, EncryptionKeyPurpose), StringComparer.Ordinal);
        _currentKeyId = ring.Current.Id;
        _currentPrefix = $"{Format}.{_currentKeyId}.";
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> under the current key with a fresh random nonce (two calls never give the
    /// same text). Only <see cref="Unprotect"/> with the same <paramref name="purpose"/> (one line, e.g.
    /// <c>registry-password</c>) and <paramref name="recordId"/> reads it back.
    /// </summary>
    public string Protect(string plaintext, string purpose, string recordId)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var associatedData = AssociatedData(purpose, recordId);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceSize + plain.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_encryptionKeys[_currentKeyId], TagSize))
        {
            aes.Encrypt(nonce, plain, payload.AsSpan(NonceSize, plain.Length), payload.AsSpan(NonceSize + plain.Length), associatedData);
        }

        CryptographicOperations.ZeroMemory(plain);
        return _currentPrefix + Base64Url.EncodeToString(payload);
    }

    /// <summary>
    /// The plaintext of a <see cref="Protect"/> result, under whichever key of the ring made it. Throws
    /// <see cref="SecretUnreadableException"/> when the text is malformed, its key is not in the ring, or it was altered
    /// or protected for another purpose or record.
    /// </summary>
    public string Unprotect(string ciphertext, string purpose, string recordId)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var associatedData = AssociatedData(purpose, recordId);
        if (!TryParse(ciphertext, out var keyId, out var payload))
        {
            throw new SecretUnreadableException(purpose, recordId, $"not a protected secret (expected {Format}.{{key id}}.{{data}})");
        }

        if (!_encryptionKeys.TryGetValue(keyId, out var key))
        {
            throw new SecretUnreadableException(purpose, recordId, $"unknown key {keyId}, neither the current master key nor a previous one");
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new SecretUnreadableException(purpose, recordId, "too short to hold a nonce and a tag (truncated)");
        }

        var plain = new byte[payload.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, plain.Length), payload.AsSpan(NonceSize + plain.Length), plain, associatedData);
        }
        catch (CryptographicException)
        {
            // GCM cannot tell a flipped bit from the right ciphertext under the wrong associated data: both fail the tag.
            throw new SecretUnreadableException(purpose, recordId, "tampered or bound to another record");
        }

        var text = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return text;
    }

    /// <summary>Whether <paramref name="ciphertext"/> was made under the current key (false for anything malformed).</summary>
    public bool IsCurrent(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return ciphertext.StartsWith(_currentPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Decrypts with whichever key of the ring made <paramref name="ciphertext"/> and encrypts again under the current
    /// one, for moving stored secrets to a new key after a rotation. Throws like <see cref="Unprotect"/>.
    /// </summary>
    public string Reprotect(string ciphertext, string purpose, string recordId) =>
        Protect(Unprotect(ciphertext, purpose, recordId), purpose, recordId);

    /// <summary>
    /// One holder's part of a key rotation: every record whose secret is not under the current key is encrypted
    /// again and saved; a record no known key opens is named with the reason and left as it is.
    /// </summary>
    /// <param name="recordId">The record's id, bound into its secret as associated data.</param>
    /// <param name="saveAsync">Saves the record with its new ciphertext.</param>
    public async Task<SecretRotation> ReprotectAllAsync<T>(
        string holder,
        string purpose,
        IEnumerable<T> records,
        Func<T, string> ciphertext,
        Func<T, string> recordId,
        Func<T, string, Task> saveAsync)
    {
        var count = 0;
        var unreadable = new List<string>();
        foreach (var record in records)
        {
            if (IsCurrent(ciphertext(record)))
            {
                continue;
            }

            try
            {
                await saveAsync(record, Reprotect(ciphertext(record), purpose, recordId(record)));
                count++;
            }
            catch (SecretUnreadableException e)
            {
                unreadable.Add($"{recordId(record)}: {e.Reason}");
            }
        }

        return new SecretRotation(holder, count, unreadable);
    }

    private static byte[] AssociatedData(string purpose, string recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        // The newline separates purpose and record unambiguously only while a purpose has none.
        if (purpose.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A purpose is a single line.", nameof(purpose));
        }

        return Encoding.UTF8.GetBytes($"{purpose}\n{recordId}");
    }

    private static bool TryParse(string text, out string keyId, out byte[] payload)
    {
        keyId = "";
        payload = [];
        var parts = text.Split('.');
        if (parts.Length != 3 || parts[0] != Format || !IsKeyId(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return false;
        }

        keyId = parts[1];
        payload = Base64Url.DecodeFromChars(parts[2]);
        return true;
    }

    private static bool IsKeyId(string text) => text.Length == 8 && text.All(char.IsAsciiHexDigitLower);
}
