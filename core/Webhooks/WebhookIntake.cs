using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Receives one delivery: finds the provider's parser and secret, authenticates, parses, and queues a check per
/// repository. Anything refused changes nothing; nothing here runs a check itself (the payload is only a hint).
/// </summary>
internal sealed class WebhookIntake(WebhookProviders providers, WebhookSecrets secrets, WebhookHints hints, ILogger<WebhookIntake> logger)
{
    /// <summary>The deepest JSON nesting accepted; real payloads are a few levels deep.</summary>
    private const int MaxDepth = 32;

    /// <summary>Whether a provider of this name exists (checked before a body is read).</summary>
    public bool IsKnown(string provider) => providers.Find(provider) is not null;

    public async Task<WebhookReceipt> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (providers.Find(request.Provider) is not { } parser)
        {
            return WebhookReceipt.Of(WebhookReceiptStatus.UnknownProvider, $"No webhook provider '{request.Provider}'; known: {string.Join(", ", providers.Names)}.");
        }

        if (await secrets.FindAsync(parser.Provider, cancellationToken) is not { } secret)
        {
            return WebhookReceipt.Of(WebhookReceiptStatus.Disabled, $"Webhooks from {parser.Provider} are off: an admin sets a secret with PUT /api/webhooks/{parser.Provider}.");
        }

        if (!WebhookAuthenticator.IsAuthentic(parser.Auth, secret, request.Body.Span, request.Headers, request.UrlToken))
        {
            logger.LogWarning("Refused a {Provider} webhook: missing or wrong secret or signature", parser.Provider);
            return WebhookReceipt.Of(WebhookReceiptStatus.Unauthorized, $"The delivery does not carry the {parser.Provider} webhook secret ({Describe(parser.Auth)}).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return WebhookReceipt.Of(WebhookReceiptStatus.Invalid, $"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var parsed = parser.Parse(new WebhookDelivery(document.RootElement, request.Headers));
            if (parsed.Error is not null)
            {
                logger.LogWarning("Refused a {Provider} webhook: {Error}", parser.Provider, parsed.Error);
                return WebhookReceipt.Of(WebhookReceiptStatus.Invalid, parsed.Error);
            }

            if (parsed.Ignored is not null)
            {
                logger.LogInformation("Ignored a {Provider} webhook: {Reason}", parser.Provider, parsed.Ignored);
                return WebhookReceipt.Of(WebhookReceiptStatus.Ignored, $"Ignored: {parsed.Ignored}");
            }

            var queued = new List<string>();
            foreach (var repository in parsed.Repositories)
            {
                await hints.QueueAsync(repository, parser.Provider, cancellationToken);
                queued.Add(repository.Name);
            }

            return new WebhookReceipt(WebhookReceiptStatus.Queued, $"A check of {string.Join(", ", queued)} is queued.", queued);
        }
    }

    private static string Describe(WebhookAuthMethods methods)
    {
        var ways = new List<string>();
        if (methods.HasFlag(WebhookAuthMethods.UrlToken))
        {
            ways.Add("?token=<secret> in the URL");
        }

        if (methods.HasFlag(WebhookAuthMethods.AuthorizationHeader))
        {
            ways.Add("Authorization: Bearer <secret>");
        }

        if (methods.HasFlag(WebhookAuthMethods.HubSignature))
        {
            ways.Add($"{WebhookAuthenticator.HubSignatureHeader}: sha256=<HMAC of the body>");
        }

        if (methods.HasFlag(WebhookAuthMethods.DockwardSignature))
        {
            ways.Add($"{WebhookAuthenticator.DockwardSignatureHeader}: sha256=<HMAC of the body>");
        }

        return string.Join(" or ", ways);
    }
}
