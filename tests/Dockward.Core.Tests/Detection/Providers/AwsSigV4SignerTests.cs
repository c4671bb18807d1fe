using Dockward.Core.Detection.Providers;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>
/// The signer against AWS's published Signature Version 4 test suite (formerly at
/// docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html; the files live on as
/// botocore's tests/unit/auth/aws4_testsuite): key AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
/// region us-east-1, service "service", 2015-08-30T12:36:00Z.
/// </summary>
[Trait("Area", "Detection")]
public sealed class AwsSigV4SignerTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Get_vanilla_gives_the_published_canonical_request_string_to_sign_and_signature()
    {
        var signature = Sign("GET", "https://example.amazonaws.com/");

        signature.CanonicalRequest.ShouldBe(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        signature.StringToSign.ShouldBe(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" +
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
        signature.Signature.ShouldBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        signature.Authorization.ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    [Fact]
    public void Get_vanilla_query_order_key_case_sorts_the_query_before_signing()
    {
        Sign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1").Signature
            .ShouldBe("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    [Fact]
    public void Post_vanilla_signs_an_empty_body_as_the_hash_of_nothing()
    {
        Sign("POST", "https://example.amazonaws.com/").Signature
            .ShouldBe("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    private static AwsSignature Sign(string method, string uri) =>
        AwsSigV4Signer.Sign(
            method, new Uri(uri),
            [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")],
            [], AccessKeyId, Secret, "us-east-1", "service", Time);
}
