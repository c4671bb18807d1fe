using System.Text.Json;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Azure Container Registry webhooks, per https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference:
/// <c>action</c> (<c>push</c>, <c>delete</c>, <c>chart_push</c>, <c>quarantine</c>, <c>ping</c>…), <c>target.repository</c>,
/// <c>target.tag</c> and <c>request.host</c> (the registry's login server). ACR adds no header of its own besides the
/// webhook's custom headers, so the secret is a custom <c>Authorization</c> header.
/// </summary>
internal sealed class AcrWebhookParser : IWebhookParser
{
    public string Provider => "acr";

    public WebhookAuthMethods Auth => WebhookAuthMethods.AuthorizationHeader;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        var body = delivery.Body;
        if (body.ValueKind != JsonValueKind.Object || WebhookJson.String(body, "action") is not { } action)
        {
            return WebhookParseResult.Invalid("action is required (an Azure Container Registry webhook payload).");
        }

        if (action != "push")
        {
            return WebhookParseResult.Ignore($"action {action} is not an image push.");
        }

        if (WebhookJson.String(body, "target.repository") is not { } name || WebhookJson.String(body, "request.host") is not { } host)
        {
            return WebhookParseResult.Invalid("target.repository and request.host are required for a push.");
        }

        if (WebhookJson.String(body, "target.tag") is null)
        {
            return WebhookParseResult.Ignore("target.tag is missing: pushed by digest only.");
        }

        return WebhookJson.TryRepository("target.repository", $"{host}/{name}", out var repository, out var error)
            ? WebhookParseResult.Push(repository)
            : WebhookParseResult.Invalid(error);
    }
}
