using Dockward.Core.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>
/// AWS ECR: the configured AWS keys buy a 12-hour registry password from <see cref="FakeEcrTokenService"/> (which
/// checks the SigV4 signature as AWS does), and the registry — replayed: it answers
/// <c>Basic realm="https://&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/",service="ecr.amazonaws.com"</c>, as
/// ECR registries do — takes <c>AWS:&lt;password&gt;</c> as Basic credentials.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class EcrProviderTests : IAsyncLifetime
{
    private const string Host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private const string KeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly TableBackend backend;
    private readonly ManualClock clock = new();
    private readonly FakeEcrTokenService aws;
    private readonly ImageReference image = ImageReference.Parse($"{Host}/team/app:1.0");

    private readonly ReplayedRegistry ecr = new()
    {
        Challenge = $"""Basic realm="https://{Host}/",service="ecr.amazonaws.com" """,
        Realm = new Uri($"https://{Host}/no-token-service"),
        AcceptedBasic = "AWS:ecr-password-1",
    };

    public EcrProviderTests(Servers servers)
    {
        backend = new TableBackend(servers);
        aws = new FakeEcrTokenService("eu-west-1", clock);
        aws.Keys[KeyId] = (Secret, null);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        aws.Dispose();
        ecr.Dispose();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task A_check_buys_a_registry_password_with_signed_AWS_keys_and_sends_it_as_basic_auth()
    {
        var lookup = await Client(KeyId, Secret).GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        aws.Calls.ShouldBe(1);
        ecr.Seen.ShouldHaveSingleItem().BasicCredentials.ShouldBe("AWS:ecr-password-1");
        ecr.Seen.Single().Method.ShouldBe(HttpMethod.Head);
    }

    [Fact]
    public async Task The_password_is_reused_until_half_an_hour_before_its_12_hours_end_then_bought_again()
    {
        var client = Client(KeyId, Secret);
        await client.GetDigestAsync(image, CancellationToken.None);

        clock.Now += TimeSpan.FromHours(11.4);
        (await client.GetDigestAsync(image, CancellationToken.None)).Digest.ShouldBe(ReplayedRegistry.Digest);
        aws.Calls.ShouldBe(1);

        ecr.AcceptedBasic = "AWS:ecr-password-2";
        clock.Now += TimeSpan.FromHours(0.2);
        var lookup = await client.GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
        aws.Calls.ShouldBe(2);
        ecr.Seen.Last().BasicCredentials.ShouldBe("AWS:ecr-password-2");
    }

    [Fact]
    public async Task Temporary_keys_send_their_session_token_signed()
    {
        aws.Keys["ASIAIOSFODNN7EXAMPLE"] = (Secret, "FwoGZXIvYXdzEXAMPLESESSIONTOKEN/+=");

        var lookup = await Client("ASIAIOSFODNN7EXAMPLE", Secret + ":FwoGZXIvYXdzEXAMPLESESSIONTOKEN/+=").GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBe(ReplayedRegistry.Digest);
    }

    [Fact]
    public async Task A_wrong_secret_fails_the_check_with_AWS_s_reason_and_nothing_goes_to_the_registry()
    {
        var lookup = await Client(KeyId, "not-the-secret").GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed(
            $"{Host} refused access: the ECR API at {aws.Endpoint.Authority} refused the AWS access key {KeyId} (403: InvalidSignatureException: " +
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.)"));
        ecr.Seen.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_access_key_fails_the_check_and_is_asked_again_next_time()
    {
        var client = Client("AKIAUNKNOWNEXAMPLE00", Secret);

        var first = await client.GetDigestAsync(image, CancellationToken.None);
        await client.GetDigestAsync(image, CancellationToken.None);

        first.Error.ShouldNotBeNull().ShouldContain("UnrecognizedClientException");
        aws.Calls.ShouldBe(2);
        ecr.Seen.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"authorizationData":[]}""", "sent no authorization token")]
    [InlineData("""{"authorizationData":[{"authorizationToken":"not base64!","expiresAt":1893456000}]}""", "sent an authorization token that is not base64")]
    [InlineData("""{"authorizationData":[{"authorizationToken":"QVdT","expiresAt":1893456000}]}""", "sent an authorization token that is not user:password")]
    [InlineData("""{"authorizationData":[{"authorizationToken":"QVdTOnB3","expiresAt":"tomorrow"}]}""", "sent a malformed expiresAt")]
    [InlineData("""{"authorizationData":[{"authorizationToken":"QVdTOnB3","expiresAt":1000}]}""", "sent an authorization token that expired at 1970-01-01 00:16:40Z")]
    [InlineData("[1,2", "sent a malformed answer")]
    public async Task A_malformed_answer_fails_the_check_saying_what_is_wrong(string answer, string error)
    {
        aws.BrokenAnswer = answer;

        var lookup = await Client(KeyId, Secret).GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed($"{Host} refused access: the ECR API at {aws.Endpoint.Authority} {error}"));
        ecr.Seen.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversized_answer_fails_the_check()
    {
        aws.BrokenAnswer = new string(' ', 100_000);

        var lookup = await Client(KeyId, Secret).GetDigestAsync(image, CancellationToken.None);

        lookup.Error.ShouldNotBeNull().ShouldEndWith("sent more than 65536 bytes");
    }

    private RegistryClient Client(string keyId, string secret)
    {
        var options = Options.Create(new DetectionOptions
        {
            Registries = [new() { Host = Host, Username = keyId, Password = secret }],
            RequestTimeoutSeconds = 10,
        });
        return RegistryClients.Pipeline(backend.Connect(), options, ecr, clock, aws.Endpoint).Client;
    }
}
