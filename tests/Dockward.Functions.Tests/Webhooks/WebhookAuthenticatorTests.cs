using System.Text;
using Dockward.Core.Webhooks;

namespace Dockward.Functions.Tests.Webhooks;

[Trait("Area", "Detection")]
public sealed class WebhookAuthenticatorTests
{
    private const string Secret = "It's a Secret to Everybody";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("Hello, World!");

    [Fact]
    public void The_signature_of_githubs_documented_test_vector_is_accepted_and_a_changed_body_or_secret_is_not()
    {
        // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
        const string documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        WebhookAuthenticator.Sign(Secret, Body).ShouldBe(documented);
        Authentic(WebhookAuthMethods.HubSignature, Secret, Body, (WebhookAuthenticator.HubSignatureHeader, documented)).ShouldBeTrue();
        Authentic(WebhookAuthMethods.HubSignature, Secret, Encoding.UTF8.GetBytes("Hello, World?"), (WebhookAuthenticator.HubSignatureHeader, documented)).ShouldBeFalse();
        Authentic(WebhookAuthMethods.HubSignature, "another secret of 16+", Body, (WebhookAuthenticator.HubSignatureHeader, documented)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=01234567890123456789012345678901234567890")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void A_malformed_signature_is_refused_without_an_exception(string header) =>
        Authentic(WebhookAuthMethods.HubSignature, Secret, Body, (WebhookAuthenticator.HubSignatureHeader, header)).ShouldBeFalse();

    [Fact]
    public void Each_provider_is_authenticated_only_the_ways_its_parser_allows()
    {
        var bearer = ("Authorization", $"Bearer {Secret}");
        var signature = (WebhookAuthenticator.DockwardSignatureHeader, WebhookAuthenticator.Sign(Secret, Body));

        Authentic(WebhookAuthMethods.AuthorizationHeader, Secret, Body, bearer).ShouldBeTrue();
        Authentic(WebhookAuthMethods.AuthorizationHeader, Secret, Body, ("Authorization", Secret)).ShouldBeTrue();
        Authentic(WebhookAuthMethods.AuthorizationHeader, Secret, Body, ("Authorization", $"Bearer {Secret}x")).ShouldBeFalse();
        Authentic(WebhookAuthMethods.UrlToken, Secret, Body, bearer).ShouldBeFalse();
        Authentic(WebhookAuthMethods.UrlToken, Secret, Body, urlToken: Secret).ShouldBeTrue();
        Authentic(WebhookAuthMethods.AuthorizationHeader, Secret, Body, urlToken: Secret).ShouldBeFalse();
        Authentic(WebhookAuthMethods.HubSignature, Secret, Body, signature).ShouldBeFalse();
        Authentic(WebhookAuthMethods.DockwardSignature | WebhookAuthMethods.AuthorizationHeader, Secret, Body, signature).ShouldBeTrue();
        Authentic(WebhookAuthMethods.DockwardSignature | WebhookAuthMethods.AuthorizationHeader, Secret, Body).ShouldBeFalse();
    }

    private static bool Authentic(WebhookAuthMethods methods, string secret, byte[] body, (string Name, string Value)? header = null, string? urlToken = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (header is { } h)
        {
            headers[h.Name] = h.Value;
        }

        return WebhookAuthenticator.IsAuthentic(methods, secret, body, headers, urlToken);
    }
}
