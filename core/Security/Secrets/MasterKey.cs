using System.Security.Cryptography;

namespace Dockward.Core.Security.Secrets;

/// <summary>One 256-bit master key and the id that ciphertexts carry to say which key made them.</summary>
internal sealed record MasterKey
{
    /// <summary>The length of every master key, in bytes (AES-256, HKDF-SHA256 input).</summary>
    public const int Length = 32;

    private MasterKey(string id, byte[] material)
    {
        Id = id;
        Material = material;
    }

    /// <summary>
    /// The first 8 lowercase hex characters of SHA-256 of the material: stable, so keys need no names, and it reveals
    /// nothing usable about the key.
    /// </summary>
    public string Id { get; }

    /// <summary>The 32 key bytes. Never log or print them.</summary>
    public byte[] Material { get; }

    /// <summary>A key from its raw bytes; throws <see cref="ArgumentException"/> unless there are exactly 32.</summary>
    public static MasterKey FromMaterial(ReadOnlySpan<byte> material)
    {
        if (material.Length != Length)
        {
            throw new ArgumentException($"A master key is {Length} bytes, not {material.Length}.", nameof(material));
        }

        var id = Convert.ToHexStringLower(SHA256.HashData(material))[..8];
        return new MasterKey(id, material.ToArray());
    }

    /// <summary>A key as settings hold it; throws <see cref="FormatException"/> unless it is 32 bytes in base64 (validate settings first).</summary>
    public static MasterKey FromBase64(string base64)
    {
        var bytes = Convert.FromBase64String(base64.Trim());
        if (bytes.Length != Length)
        {
            throw new FormatException($"A master key is {Length} bytes, not {bytes.Length}.");
        }

        return FromMaterial(bytes);
    }

    /// <summary>Only the id, so a key that ends up in a log or a debugger shows no material.</summary>
    public override string ToString() => $"MasterKey {Id}";
}
