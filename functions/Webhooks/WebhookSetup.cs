using Dockward.Core.Webhooks;

namespace Dockward.Functions.Webhooks;

/// <summary>What to configure on the provider's side after setting its secret; shown once.</summary>
/// <param name="Url">The URL the provider posts to (with <c>?token=</c> for providers that authenticate by URL).</param>
/// <param name="Header">A header the provider must send (name and value), or null.</param>
/// <param name="Signature">The header carrying an HMAC-SHA256 of the body made with the secret, or null.</param>
internal sealed record WebhookSetup(string Provider, string Secret, string Url, WebhookHeader? Header, string? Signature)
{
    public static WebhookSetup For(IWebhookParser parser, string secret, string url)
    {
        var auth = parser.Auth;
        var withToken = auth.HasFlag(WebhookAuthMethods.UrlToken) ? $"{url}?token={Uri.EscapeDataString(secret)}" : url;
        var header = auth.HasFlag(WebhookAuthMethods.AuthorizationHeader) ? new WebhookHeader("Authorization", $"Bearer {secret}") : null;
        var signature = auth.HasFlag(WebhookAuthMethods.HubSignature) ? WebhookAuthenticator.HubSignatureHeader
            : auth.HasFlag(WebhookAuthMethods.DockwardSignature) ? WebhookAuthenticator.DockwardSignatureHeader
            : null;
        return new WebhookSetup(parser.Provider, secret, withToken, header, signature);
    }
}
