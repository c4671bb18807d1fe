using System.Text;
using Dockward.Core.Security.Passwords;
using Konscious.Security.Cryptography;

namespace Dockward.Core.Tests.Security.Passwords;

[Trait("Area", "Security")]
public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery staple";

    private readonly PasswordHasher _hasher = new();

    [Fact]
    public void A_hash_verifies_its_password()
    {
        _hasher.Verify(Password, _hasher.Hash(Password)).ShouldBe(PasswordVerification.Succeeded);
    }

    [Fact]
    public void A_hash_does_not_verify_another_password()
    {
        var hash = _hasher.Hash(Password);

        _hasher.Verify("correct horse battery stapler", hash).ShouldBe(PasswordVerification.Failed);
        _hasher.Verify("Correct horse battery staple", hash).ShouldBe(PasswordVerification.Failed);
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_salt()
    {
        _hasher.Hash(Password).ShouldNotBe(_hasher.Hash(Password));
    }

    [Fact]
    public void The_hash_is_a_phc_string_with_owasps_argon2id_parameters_a_16_byte_salt_and_a_32_byte_hash()
    {
        var fields = _hasher.Hash(Password).Split('$');

        fields[..4].ShouldBe(["", "argon2id", "v=19", "m=19456,t=2,p=1"]);
        fields[4].Length.ShouldBe(22);
        fields[5].Length.ShouldBe(43);
        Convert.FromBase64String(fields[4] + "==").Length.ShouldBe(16);
        Convert.FromBase64String(fields[5] + "=").Length.ShouldBe(32);
    }

    [Fact]
    public void The_hash_is_standard_argon2id_that_other_implementations_can_check()
    {
        var fields = _hasher.Hash("pässwörd ✓").Split('$');
        var salt = Convert.FromBase64String(fields[4] + "==");
        using var argon2 = new Argon2id(Encoding.UTF8.GetBytes("pässwörd ✓")) { Salt = salt, MemorySize = 19456, Iterations = 2, DegreeOfParallelism = 1 };

        Convert.ToBase64String(argon2.GetBytes(32)).TrimEnd('=').ShouldBe(fields[5]);
    }

    [Fact]
    public void A_hash_made_with_weaker_parameters_verifies_but_asks_for_a_rehash()
    {
        var weak = WeakHash(Password, memoryKiB: 4096, iterations: 1);

        _hasher.Verify(Password, weak).ShouldBe(PasswordVerification.SucceededRehashNeeded);
        _hasher.Verify("wrong password", weak).ShouldBe(PasswordVerification.Failed);
    }

    [Fact]
    public void A_hash_made_with_stronger_parameters_needs_no_rehash()
    {
        _hasher.Verify(Password, WeakHash(Password, memoryKiB: 32768, iterations: 3)).ShouldBe(PasswordVerification.Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("correct horse battery staple")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=19456,t=0,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=99999999999,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=4,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=-19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$t=2,m=19456,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g==$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$not*base64$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$YUled9BRHAVVOlZ8Qb/36g$2fOb6Jq8f59re4DZ9hjluhknuh4uOl1DcDWs0N76lpE$extra")]
    public void A_malformed_hash_fails_without_throwing(string? encoded)
    {
        _hasher.Verify(Password, encoded!).ShouldBe(PasswordVerification.Failed);
    }

    [Fact]
    public void An_empty_password_never_verifies_and_cannot_be_hashed()
    {
        _hasher.Verify("", _hasher.Hash(Password)).ShouldBe(PasswordVerification.Failed);
        Should.NotThrow(() => _hasher.Burn(""));
        Should.Throw<ArgumentException>(() => _hasher.Hash(""));
    }

    [Fact]
    public void Burning_a_password_does_the_work_and_returns_quietly()
    {
        Should.NotThrow(() => _hasher.Burn(Password));
    }

    [Fact]
    public void Concurrent_hashing_and_verification_do_not_interfere()
    {
        var passwords = Enumerable.Range(0, 8).Select(i => $"{Password} {i}").ToArray();

        var results = passwords.AsParallel().Select(password => _hasher.Verify(password, _hasher.Hash(password))).ToArray();

        results.ShouldAllBe(result => result == PasswordVerification.Succeeded);
    }

    private static string WeakHash(string password, int memoryKiB, int iterations) =>
        new PasswordHasher(memoryKiB, iterations, parallelism: 1).Hash(password);
}
