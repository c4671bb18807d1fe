using System.Text.Json;
using Dockward.Core.Detection;

namespace Dockward.Core.Webhooks;

/// <summary>
/// CNCF distribution registry notifications (also GitLab's container registry, which is a fork), per
/// https://distribution.github.io/distribution/about/notifications/: an envelope <c>{"events": [...]}</c>, each event
/// with <c>action</c> (<c>push</c>, <c>pull</c>, <c>mount</c>, <c>delete</c>), <c>target.mediaType</c>,
/// <c>target.repository</c>, <c>target.tag</c> (only for a manifest pushed by tag) and <c>request.host</c>.
/// Every layer upload and every manifest HEAD/GET is an event too; only tagged manifest pushes count.
/// The registry sends the endpoint's configured <c>headers</c>, e.g. <c>Authorization: [Bearer &lt;secret&gt;]</c>.
/// </summary>
internal sealed class DistributionWebhookParser : IWebhookParser
{
    public string Provider => "distribution";

    public IReadOnlyList<string> Aliases => ["gitlab"];

    public WebhookAuthMethods Auth => WebhookAuthMethods.AuthorizationHeader;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        if (!WebhookJson.TryGet(delivery.Body, "events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return WebhookParseResult.Invalid("events must be an array (a registry notification envelope).");
        }

        var repositories = new List<ImageReference>();
        var skipped = 0;
        foreach (var item in events.EnumerateArray())
        {
            if (WebhookJson.String(item, "action") != "push" || WebhookJson.String(item, "target.tag") is null || !IsManifest(WebhookJson.String(item, "target.mediaType")))
            {
                skipped++;
                continue;
            }

            if (WebhookJson.String(item, "target.repository") is not { } name || WebhookJson.String(item, "request.host") is not { } host)
            {
                return WebhookParseResult.Invalid("events[].target.repository and events[].request.host are required for a push.");
            }

            if (!WebhookJson.TryRepository("events[].target.repository", $"{host}/{name}", out var repository, out var error))
            {
                return WebhookParseResult.Invalid(error);
            }

            repositories.Add(repository);
        }

        return repositories.Count == 0
            ? WebhookParseResult.Ignore($"none of the {skipped} events is a manifest pushed by tag (pulls, layer uploads, deletes and digest pushes are ignored).")
            : WebhookParseResult.Push(repositories.Distinct().ToList());
    }

    /// <summary>Manifests and indexes (Docker and OCI); layers are <c>application/octet-stream</c> or <c>…rootfs.diff…</c>.</summary>
    private static bool IsManifest(string? mediaType) =>
        mediaType is null || mediaType.Contains("manifest", StringComparison.Ordinal) || mediaType.Contains("image.index", StringComparison.Ordinal);
}
