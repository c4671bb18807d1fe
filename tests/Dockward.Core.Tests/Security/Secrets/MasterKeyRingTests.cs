using System.Security.Cryptography;
using Dockward.Core.Security.Secrets;

namespace Dockward.Core.Tests.Security.Secrets;

[Trait("Area", "Security")]
public sealed class MasterKeyRingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Generated_keys_are_32_random_bytes_in_base64()
    {
        var first = MasterKeyRing.Generate();

        Convert.FromBase64String(first).Length.ShouldBe(32);
        MasterKeyRing.Generate().ShouldNotBe(first);
    }

    [Fact]
    public void A_key_id_is_the_first_8_hex_characters_of_the_sha256_of_the_key()
    {
        var material = RandomNumberGenerator.GetBytes(32);

        var key = MasterKey.FromMaterial(material);

        key.Id.ShouldBe(Convert.ToHexString(SHA256.HashData(material))[..8].ToLowerInvariant());
        key.Id.ShouldMatch("^[0-9a-f]{8}$");
        key.ToString().ShouldBe($"MasterKey {key.Id}");
    }

    [Fact]
    public void The_ring_holds_the_current_key_first_then_the_previous_ones_and_finds_them_by_id()
    {
        string current = MasterKeyRing.Generate(), old1 = MasterKeyRing.Generate(), old2 = MasterKeyRing.Generate();

        var ring = MasterKeyRing.From(new SecretsOptions { MasterKey = current, PreviousMasterKeys = $" {old1} ,{old2},," });

        ring.Current.ShouldBe(ring.All[0]);
        ring.Current.Material.ShouldBe(Convert.FromBase64String(current));
        ring.All.Select(key => Convert.ToBase64String(key.Material)).ShouldBe([current, old1, old2]);
        ring.Find(ring.All[2].Id).ShouldBeSameAs(ring.All[2]);
        ring.Find("00000000").ShouldBeNull();
    }

    [Fact]
    public void A_key_file_gives_the_current_key_on_its_first_key_line_and_previous_keys_after_it()
    {
        string current = MasterKeyRing.Generate(), old1 = MasterKeyRing.Generate(), old2 = MasterKeyRing.Generate();
        var path = _folder.File("master.key", $"# Dockward master keys\n\n{current}\r\n# rotated 2026-01\n  {old1}  \n");

        var ring = MasterKeyRing.From(new SecretsOptions { MasterKeyFile = path, PreviousMasterKeys = old2 });

        ring.All.Select(key => Convert.ToBase64String(key.Material)).ShouldBe([current, old1, old2]);
    }

    [Fact]
    public void Derived_keys_depend_on_the_master_key_and_the_purpose()
    {
        var key = MasterKey.FromMaterial(RandomNumberGenerator.GetBytes(32));
        var other = MasterKey.FromMaterial(RandomNumberGenerator.GetBytes(32));

        var signing = DerivedKeys.Derive(key, "dockward/jwt-signing");

        signing.Length.ShouldBe(32);
        DerivedKeys.Derive(key, "dockward/jwt-signing").ShouldBe(signing);
        DerivedKeys.Derive(key, "dockward/other").ShouldNotBe(signing);
        DerivedKeys.Derive(other, "dockward/jwt-signing").ShouldNotBe(signing);
        DerivedKeys.Derive(key, "dockward/jwt-signing", 64).Length.ShouldBe(64);
        signing.ShouldNotBe(key.Material);
    }

    [Fact]
    public void Derived_keys_are_hkdf_sha256_with_the_purpose_as_info()
    {
        var key = MasterKey.FromMaterial(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        // RFC 5869 by hand: an empty salt is a hash length of zeros; one block of output is HMAC(PRK, info ‖ 0x01).
        var pseudorandomKey = HMACSHA256.HashData(new byte[32], key.Material);
        byte[] info = [.. "dockward/jwt-signing"u8, 0x01];
        var expected = HMACSHA256.HashData(pseudorandomKey, info);

        DerivedKeys.Derive(key, "dockward/jwt-signing").ShouldBe(expected);
    }

    public void Dispose() => _folder.Dispose();
}
