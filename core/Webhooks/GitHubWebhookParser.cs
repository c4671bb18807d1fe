using System.Text.Json;

namespace Dockward.Core.Webhooks;

/// <summary>
/// GitHub <c>package</c> and <c>registry_package</c> webhook events for ghcr.io, per
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#package: the event name in <c>X-GitHub-Event</c>,
/// <c>action</c> <c>published</c>/<c>updated</c>, the package under the event's own key with <c>package_type</c>,
/// <c>namespace</c> (or <c>owner.login</c>), <c>name</c> and <c>package_version.container_metadata.tag.name</c>
/// (empty for an untagged platform manifest). Deliveries are signed: <c>X-Hub-Signature-256: sha256=&lt;HMAC&gt;</c>
/// over the raw body (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries).
/// </summary>
internal sealed class GitHubWebhookParser : IWebhookParser
{
    public const string Registry = "ghcr.io";

    public string Provider => "github";

    public WebhookAuthMethods Auth => WebhookAuthMethods.HubSignature;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        var body = delivery.Body;
        var eventName = delivery.Header("X-GitHub-Event");
        if (eventName is null)
        {
            return WebhookParseResult.Invalid("the X-GitHub-Event header is required.");
        }

        if (eventName is not ("package" or "registry_package"))
        {
            return WebhookParseResult.Ignore($"event {eventName} is not a package event.");
        }

        if (body.ValueKind != JsonValueKind.Object || WebhookJson.String(body, "action") is not { } action
            || !WebhookJson.TryGet(body, eventName, out var package) || package.ValueKind != JsonValueKind.Object)
        {
            return WebhookParseResult.Invalid($"action and {eventName} are required (a GitHub {eventName} event).");
        }

        if (action is not ("published" or "updated"))
        {
            return WebhookParseResult.Ignore($"action {action} is not a publication.");
        }

        var type = WebhookJson.String(package, "package_type");
        if (type is null || !type.Equals("container", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookParseResult.Ignore($"package type {type ?? "(none)"} is not a container image.");
        }

        var owner = WebhookJson.String(package, "namespace") ?? WebhookJson.String(package, "owner.login");
        if (owner is null || WebhookJson.String(package, "name") is not { } name)
        {
            return WebhookParseResult.Invalid($"{eventName}.name and {eventName}.namespace (or owner.login) are required.");
        }

        if (WebhookJson.String(package, "package_version.container_metadata.tag.name") is null)
        {
            return WebhookParseResult.Ignore("the published version has no tag (a platform manifest of a multi-arch image).");
        }

        // ghcr.io names are lower case while GitHub owners and packages keep their case.
        return WebhookJson.TryRepository($"{eventName}.name", $"{Registry}/{owner}/{name}".ToLowerInvariant(), out var repository, out var error)
            ? WebhookParseResult.Push(repository)
            : WebhookParseResult.Invalid(error);
    }
}
