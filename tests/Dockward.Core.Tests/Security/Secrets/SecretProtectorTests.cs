using System.Buffers.Text;
using Dockward.Core.Security.Secrets;

namespace Dockward.Core.Tests.Security.Secrets;

[Trait("Area", "Security")]
public sealed class SecretProtectorTests
{
    private const string Purpose = "registry-password";
    private const string RecordId = "registry-7";
    private const string Plaintext = "hunter2 — s3cret ✓";

    private static readonly string KeyA = MasterKeyRing.Generate();
    private static readonly string KeyB = MasterKeyRing.Generate();

    [Fact]
    public void A_protected_secret_reads_back_as_it_was()
    {
        var protector = Protector(KeyA);

        protector.Unprotect(protector.Protect(Plaintext, Purpose, RecordId), Purpose, RecordId).ShouldBe(Plaintext);
        protector.Unprotect(protector.Protect("", Purpose, RecordId), Purpose, RecordId).ShouldBe("");
    }

    [Fact]
    public void The_stored_text_names_the_format_and_the_key_and_hides_the_secret()
    {
        var ring = Ring(KeyA);

        var ciphertext = new SecretProtector(ring).Protect(Plaintext, Purpose, RecordId);

        ciphertext.ShouldStartWith($"dw1.{ring.Current.Id}.");
        ciphertext.ShouldNotContain("hunter2");
        Base64Url.DecodeFromChars(ciphertext.Split('.')[2]).Length.ShouldBe(12 + System.Text.Encoding.UTF8.GetByteCount(Plaintext) + 16);
    }

    [Fact]
    public void Protecting_the_same_secret_twice_gives_different_texts()
    {
        var protector = Protector(KeyA);

        protector.Protect(Plaintext, Purpose, RecordId).ShouldNotBe(protector.Protect(Plaintext, Purpose, RecordId));
    }

    [Fact]
    public void A_flipped_byte_anywhere_in_nonce_ciphertext_or_tag_makes_the_secret_unreadable()
    {
        var protector = Protector(KeyA);
        var parts = protector.Protect(Plaintext, Purpose, RecordId).Split('.');
        var payload = Base64Url.DecodeFromChars(parts[2]);

        for (var i = 0; i < payload.Length; i++)
        {
            var altered = (byte[])payload.Clone();
            altered[i] ^= 0x01;
            var text = $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(altered)}";

            var error = Should.Throw<SecretUnreadableException>(() => protector.Unprotect(text, Purpose, RecordId), $"byte {i} flipped");
            error.Reason.ShouldBe("tampered or bound to another record");
        }
    }

    [Fact]
    public void A_truncated_secret_is_unreadable()
    {
        var protector = Protector(KeyA);
        var ciphertext = protector.Protect(Plaintext, Purpose, RecordId);

        foreach (var cut in new[] { 1, 2, 3, 4, 10, 30, ciphertext.Length - 13, ciphertext.Length - 4, ciphertext.Length })
        {
            Should.Throw<SecretUnreadableException>(() => protector.Unprotect(ciphertext[..^cut], Purpose, RecordId), $"{cut} characters cut");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("dw1")]
    [InlineData("dw2.1a2b3c4d.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("dw1.1A2B3C4D.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("dw1.1a2b3c4d.not base64!")]
    [InlineData("dw1.1a2b3c4d.AAAA.AAAA")]
    public void A_malformed_text_is_unreadable_and_says_it_is_not_a_protected_secret(string text)
    {
        var error = Should.Throw<SecretUnreadableException>(() => Protector(KeyA).Unprotect(text, Purpose, RecordId));

        error.Message.ShouldBe($"The {Purpose} secret of record '{RecordId}' cannot be read: not a protected secret (expected dw1.{{key id}}.{{data}}).");
    }

    [Fact]
    public void A_secret_protected_for_another_purpose_is_unreadable()
    {
        var protector = Protector(KeyA);
        var ciphertext = protector.Protect(Plaintext, Purpose, RecordId);

        var error = Should.Throw<SecretUnreadableException>(() => protector.Unprotect(ciphertext, "smtp-password", RecordId));

        error.Message.ShouldBe($"The smtp-password secret of record '{RecordId}' cannot be read: tampered or bound to another record.");
        error.Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public void A_secret_copied_to_another_record_is_unreadable()
    {
        var protector = Protector(KeyA);
        var ciphertext = protector.Protect(Plaintext, Purpose, RecordId);

        var error = Should.Throw<SecretUnreadableException>(() => protector.Unprotect(ciphertext, Purpose, "registry-8"));

        error.Purpose.ShouldBe(Purpose);
        error.RecordId.ShouldBe("registry-8");
        error.Reason.ShouldBe("tampered or bound to another record");
    }

    [Fact]
    public void A_secret_under_a_key_the_ring_does_not_hold_is_unreadable_and_names_the_key()
    {
        var ringA = Ring(KeyA);
        var ciphertext = new SecretProtector(ringA).Protect(Plaintext, Purpose, RecordId);

        var error = Should.Throw<SecretUnreadableException>(() => Protector(KeyB).Unprotect(ciphertext, Purpose, RecordId));

        error.Message.ShouldBe($"The {Purpose} secret of record '{RecordId}' cannot be read: unknown key {ringA.Current.Id}, neither the current master key nor a previous one.");
    }

    [Fact]
    public void After_a_rotation_old_secrets_read_with_the_previous_key_and_reprotect_moves_them_to_the_current_one()
    {
        var before = Protector(KeyA);
        var ciphertext = before.Protect(Plaintext, Purpose, RecordId);
        var after = new SecretProtector(MasterKeyRing.From(new SecretsOptions { MasterKey = KeyB, PreviousMasterKeys = KeyA }));

        after.IsCurrent(ciphertext).ShouldBeFalse();
        after.Unprotect(ciphertext, Purpose, RecordId).ShouldBe(Plaintext);

        var moved = after.Reprotect(ciphertext, Purpose, RecordId);

        after.IsCurrent(moved).ShouldBeTrue();
        after.Unprotect(moved, Purpose, RecordId).ShouldBe(Plaintext);
        Protector(KeyB).Unprotect(moved, Purpose, RecordId).ShouldBe(Plaintext, "once moved, the previous key can be dropped");
        Should.Throw<SecretUnreadableException>(() => before.Unprotect(moved, Purpose, RecordId));
    }

    [Fact]
    public void Is_current_is_false_for_garbage()
    {
        var protector = Protector(KeyA);

        protector.IsCurrent("").ShouldBeFalse();
        protector.IsCurrent("hunter2").ShouldBeFalse();
        protector.IsCurrent(protector.Protect(Plaintext, Purpose, RecordId)).ShouldBeTrue();
    }

    [Fact]
    public void A_purpose_with_a_newline_is_refused_because_it_would_make_the_binding_ambiguous()
    {
        Should.Throw<ArgumentException>(() => Protector(KeyA).Protect(Plaintext, "a\nb", RecordId));
    }

    private static MasterKeyRing Ring(string key) => MasterKeyRing.From(new SecretsOptions { MasterKey = key });

    private static SecretProtector Protector(string key) => new(Ring(key));
}
