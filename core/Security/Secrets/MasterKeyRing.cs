using System.Security.Cryptography;

namespace Dockward.Core.Security.Secrets;

/// <summary>The current master key, which encrypts, and the previous ones, which still decrypt during a rotation.</summary>
internal sealed class MasterKeyRing
{
    private readonly MasterKey[] _all;

    /// <summary>A ring of <paramref name="current"/> and <paramref name="previous"/>; repeats of a key are dropped.</summary>
    public MasterKeyRing(MasterKey current, IEnumerable<MasterKey> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        _all = [current, .. previous.Where(key => key.Id != current.Id).DistinctBy(key => key.Id)];
    }

    /// <summary>The key new ciphertexts are made under.</summary>
    public MasterKey Current { get; }

    /// <summary>Every key that decrypts, the current one first.</summary>
    public IReadOnlyList<MasterKey> All => _all;

    /// <summary>The key with this id, or null when the ring does not hold it (it was rotated out, or the id is garbage).</summary>
    public MasterKey? Find(string keyId) => Array.Find(_all, key => key.Id == keyId);

    /// <summary>The ring that validated <paramref name="options"/> describe (see <see cref="SecretsOptionsValidator"/>).</summary>
    public static MasterKeyRing From(SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string current;
        var previous = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.MasterKeyFile))
        {
            var lines = MasterKeyFile.ReadKeyLines(options.MasterKeyFile);
            if (lines.Count == 0)
            {
                throw new InvalidOperationException("Security:MasterKeyFile holds no key; the settings were not validated.");
            }

            current = lines[0].Text;
            previous.AddRange(lines.Skip(1).Select(line => line.Text));
        }
        else if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            current = options.MasterKey;
        }
        else
        {
            throw new InvalidOperationException("Security:MasterKey is not set; the settings were not validated.");
        }

        previous.AddRange(options.PreviousMasterKeyEntries());
        return new MasterKeyRing(MasterKey.FromBase64(current), previous.Select(MasterKey.FromBase64));
    }

    /// <summary>A new random key in base64, as <c>Security:MasterKey</c> takes it.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MasterKey.Length));
}
