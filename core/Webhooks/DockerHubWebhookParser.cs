using System.Text.Json;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Docker Hub repository webhooks. Payload per https://docs.docker.com/docker-hub/repos/manage/webhooks/:
/// <c>repository.repo_name</c> (<c>namespace/name</c>) and <c>push_data.tag</c>; Hub sends only pushes and has no
/// event field. Hub signs nothing and sends no custom header, so the secret travels in the URL (<c>?token=</c>).
/// </summary>
internal sealed class DockerHubWebhookParser : IWebhookParser
{
    public string Provider => "dockerhub";

    public WebhookAuthMethods Auth => WebhookAuthMethods.UrlToken;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        if (delivery.Body.ValueKind != JsonValueKind.Object || WebhookJson.String(delivery.Body, "repository.repo_name") is not { } name)
        {
            return WebhookParseResult.Invalid("repository.repo_name is required (a Docker Hub push payload).");
        }

        if (WebhookJson.String(delivery.Body, "push_data.tag") is null)
        {
            return WebhookParseResult.Ignore("push_data.tag is missing: not a tag push.");
        }

        // repo_name never holds a registry host; pin Hub so a first component with a dot is not read as one.
        return WebhookJson.TryRepository("repository.repo_name", $"docker.io/{name}", out var repository, out var error)
            ? WebhookParseResult.Push(repository)
            : WebhookParseResult.Invalid(error);
    }
}
