using System.Text.Json;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Quay (quay.io and Red Hat Quay) "Repository Push" notifications, per
/// https://docs.redhat.com/en/documentation/red_hat_quay/3.4/html/use_red_hat_quay/repository_notifications:
/// <c>docker_url</c> (<c>quay.io/namespace/repo</c>) and <c>updated_tags</c> (a list; quay.io's older payloads sent an
/// object of tag to image id). Other notification kinds (builds, scans) have no <c>updated_tags</c>.
/// Quay signs nothing and sends no custom header, so the secret travels in the URL (<c>?token=</c>).
/// </summary>
internal sealed class QuayWebhookParser : IWebhookParser
{
    public string Provider => "quay";

    public WebhookAuthMethods Auth => WebhookAuthMethods.UrlToken;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        var body = delivery.Body;
        if (body.ValueKind != JsonValueKind.Object || WebhookJson.String(body, "docker_url") is not { } url)
        {
            return WebhookParseResult.Invalid("docker_url is required (a Quay repository notification).");
        }

        if (!WebhookJson.TryGet(body, "updated_tags", out var tags))
        {
            return WebhookParseResult.Ignore("no updated_tags: not a repository push notification.");
        }

        var count = tags.ValueKind switch
        {
            JsonValueKind.Array => tags.GetArrayLength(),
            JsonValueKind.Object => tags.EnumerateObject().Count(),
            _ => -1,
        };
        if (count < 0)
        {
            return WebhookParseResult.Invalid("updated_tags must be a list of tags.");
        }

        if (count == 0)
        {
            return WebhookParseResult.Ignore("updated_tags is empty: no tag was pushed.");
        }

        return WebhookJson.TryRepository("docker_url", url, out var repository, out var error)
            ? WebhookParseResult.Push(repository)
            : WebhookParseResult.Invalid(error);
    }
}
