using Dockward.Core.Security.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Security.Secrets;

[Trait("Area", "Security")]
public sealed class SecretsOptionsValidatorTests : IDisposable
{
    private const string HowToCreate = "32 random bytes in base64; create one with 'dotnet Dockward.Functions.dll generate-key'.";

    private readonly TempFolder _folder = new();

    [Fact]
    public void No_key_at_all_is_refused_with_the_setting_its_variable_and_how_to_create_one()
    {
        Errors(new SecretsOptions()).ShouldBe([
            "Security:MasterKey is required (env DOCKWARD_SECURITY__MASTERKEY, or Security:MasterKeyFile): " + HowToCreate,
        ]);
    }

    [Fact]
    public void A_key_that_is_not_base64_is_refused_without_repeating_it()
    {
        Errors(new SecretsOptions { MasterKey = "correct horse battery staple!" }).ShouldBe([
            "Security:MasterKey (env DOCKWARD_SECURITY__MASTERKEY) is not base64: a key is " + HowToCreate,
        ]);
    }

    [Fact]
    public void A_key_of_16_bytes_is_refused_with_its_length()
    {
        Errors(new SecretsOptions { MasterKey = Convert.ToBase64String(new byte[16]) }).ShouldBe([
            "Security:MasterKey (env DOCKWARD_SECURITY__MASTERKEY) is 16 bytes long, not 32: a key is " + HowToCreate,
        ]);
    }

    [Fact]
    public void A_key_and_a_key_file_together_are_refused()
    {
        var path = _folder.File("master.key", MasterKeyRing.Generate());

        Errors(new SecretsOptions { MasterKey = MasterKeyRing.Generate(), MasterKeyFile = path }).ShouldBe([
            "Security:MasterKey (env DOCKWARD_SECURITY__MASTERKEY) and Security:MasterKeyFile (env DOCKWARD_SECURITY__MASTERKEYFILE) are both set: set only one of them.",
        ]);
    }

    [Fact]
    public void A_key_file_with_comments_a_current_and_previous_keys_is_accepted()
    {
        var path = _folder.File("master.key", $"# current first\n{MasterKeyRing.Generate()}\n\n# previous\n{MasterKeyRing.Generate()}\n{MasterKeyRing.Generate()}\n");

        Errors(new SecretsOptions { MasterKeyFile = path, PreviousMasterKeys = MasterKeyRing.Generate() }).ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_key_file_is_refused_with_its_path()
    {
        var path = Path.Combine(_folder.Path, "absent.key");

        Errors(new SecretsOptions { MasterKeyFile = path }).ShouldBe([
            $"Security:MasterKeyFile (env DOCKWARD_SECURITY__MASTERKEYFILE) names '{path}', which does not exist.",
        ]);
    }

    [Fact]
    public void A_folder_given_as_key_file_is_refused()
    {
        Errors(new SecretsOptions { MasterKeyFile = _folder.Path }).Single().ShouldContain("which is a folder");
    }

    [Fact]
    public void A_key_file_with_only_comments_is_refused()
    {
        var path = _folder.File("master.key", "# put the key here\n\n");

        Errors(new SecretsOptions { MasterKeyFile = path }).ShouldBe([
            $"Security:MasterKeyFile (env DOCKWARD_SECURITY__MASTERKEYFILE) names '{path}', which holds no key: its first line that is neither empty nor a # comment must be the current key, " + HowToCreate,
        ]);
    }

    [Fact]
    public void A_bad_line_in_the_key_file_is_named_by_its_line_number()
    {
        var path = _folder.File("master.key", $"# keys\n{MasterKeyRing.Generate()}\n{Convert.ToBase64String(new byte[31])}\n");

        Errors(new SecretsOptions { MasterKeyFile = path }).ShouldBe([
            "Security:MasterKeyFile (env DOCKWARD_SECURITY__MASTERKEYFILE) line 3 is 31 bytes long, not 32: a key is " + HowToCreate,
        ]);
    }

    [Fact]
    public void A_bad_previous_key_is_named_by_its_position()
    {
        Errors(new SecretsOptions { MasterKey = MasterKeyRing.Generate(), PreviousMasterKeys = $"{MasterKeyRing.Generate()},not-a-key" }).ShouldBe([
            "Security:PreviousMasterKeys (env DOCKWARD_SECURITY__PREVIOUSMASTERKEYS) entry 2 is not base64: a key is " + HowToCreate,
        ]);
    }

    [Fact]
    public void A_previous_key_equal_to_the_current_one_is_refused()
    {
        var key = MasterKeyRing.Generate();
        var path = _folder.File("master.key", $"{key}\n{key}\n");

        Errors(new SecretsOptions { MasterKey = key, PreviousMasterKeys = key }).ShouldBe([
            "Security:PreviousMasterKeys (env DOCKWARD_SECURITY__PREVIOUSMASTERKEYS) entry 1 is the current key again: previous keys are the ones that were current before a rotation.",
        ]);
        Errors(new SecretsOptions { MasterKeyFile = path }).ShouldBe([
            "Security:MasterKeyFile (env DOCKWARD_SECURITY__MASTERKEYFILE) line 2 is the current key again: previous keys are the ones that were current before a rotation.",
        ]);
    }

    [Fact]
    public void No_message_contains_key_material()
    {
        var current = MasterKeyRing.Generate();
        var shortKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var options = new SecretsOptions { MasterKey = current, PreviousMasterKeys = $"{current},{shortKey}" };

        var errors = Errors(options);

        errors.Count.ShouldBe(2);
        errors.ShouldAllBe(error => !error.Contains(current) && !error.Contains(shortKey) && !error.Contains('\n'));
    }

    [Fact]
    public void Add_secrets_binds_the_security_section_and_gives_a_working_protector()
    {
        var key = MasterKeyRing.Generate();
        using var services = Services(new() { ["Security:MasterKey"] = key });

        var protector = services.GetRequiredService<SecretProtector>();

        services.GetRequiredService<MasterKeyRing>().Current.Material.ShouldBe(Convert.FromBase64String(key));
        protector.Unprotect(protector.Protect("s3cret", "test", "1"), "test", "1").ShouldBe("s3cret");
    }

    [Fact]
    public void Add_secrets_fails_with_the_validator_message_when_the_key_is_missing()
    {
        using var services = Services([]);

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<SecretProtector>());

        error.Message.ShouldContain("Security:MasterKey is required");
    }

    private static List<string> Errors(SecretsOptions options)
    {
        var result = new SecretsOptionsValidator().Validate(null, options);
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSecrets(configuration).BuildServiceProvider();
    }

    public void Dispose() => _folder.Dispose();
}
