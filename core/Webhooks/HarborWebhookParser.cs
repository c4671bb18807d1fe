using System.Text.Json;
using Dockward.Core.Detection;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Harbor project webhooks, "Default" payload format, per
/// https://goharbor.io/docs/latest/working-with-projects/project-configuration/configure-webhooks/:
/// <c>type</c> (<c>PUSH_ARTIFACT</c>, <c>PULL_ARTIFACT</c>, <c>DELETE_ARTIFACT</c>, scans…),
/// <c>event_data.repository.repo_full_name</c> and <c>event_data.resources[]</c> with <c>tag</c> and
/// <c>resource_url</c> (<c>host/project/repo:tag</c>, the only field naming the registry host).
/// Harbor sends the endpoint's configured "Auth Header" verbatim in <c>Authorization</c>.
/// </summary>
internal sealed class HarborWebhookParser : IWebhookParser
{
    public string Provider => "harbor";

    public WebhookAuthMethods Auth => WebhookAuthMethods.AuthorizationHeader;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        var body = delivery.Body;
        if (body.ValueKind != JsonValueKind.Object || WebhookJson.String(body, "type") is not { } type)
        {
            return WebhookParseResult.Invalid("type is required (a Harbor webhook payload in the Default format).");
        }

        if (type != "PUSH_ARTIFACT")
        {
            return WebhookParseResult.Ignore($"event type {type} is not a push (PUSH_ARTIFACT).");
        }

        if (!WebhookJson.TryGet(body, "event_data.resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return WebhookParseResult.Invalid("event_data.resources must be an array.");
        }

        var repositories = new List<ImageReference>();
        foreach (var resource in resources.EnumerateArray())
        {
            if (WebhookJson.String(resource, "tag") is null)
            {
                continue; // pushed by digest only (an index's children): nothing a tag-following container runs
            }

            if (WebhookJson.String(resource, "resource_url") is not { } url)
            {
                return WebhookParseResult.Invalid("event_data.resources[].resource_url is required: it names the registry host.");
            }

            if (!WebhookJson.TryRepository("event_data.resources[].resource_url", url, out var repository, out var error))
            {
                return WebhookParseResult.Invalid(error);
            }

            repositories.Add(repository);
        }

        return repositories.Count == 0
            ? WebhookParseResult.Ignore("no resource with a tag: an artifact pushed by digest only.")
            : WebhookParseResult.Push(repositories.Distinct().ToList());
    }
}
