using System.Text.Json;
using Dockward.Core.Detection;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Dockward's own format for CI pipelines and registries without a parser: <c>{"image": "host/repo:tag"}</c> or
/// <c>{"images": ["host/repo:tag", …]}</c> (at most <see cref="MaxImages"/>). Authenticated by
/// <c>X-Dockward-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> (GitHub's scheme) or <c>Authorization: Bearer &lt;secret&gt;</c>.
/// </summary>
internal sealed class GenericWebhookParser : IWebhookParser
{
    public const int MaxImages = 100;

    public string Provider => "generic";

    public WebhookAuthMethods Auth => WebhookAuthMethods.DockwardSignature | WebhookAuthMethods.AuthorizationHeader;

    public WebhookParseResult Parse(WebhookDelivery delivery)
    {
        var body = delivery.Body;
        var images = new List<string>();
        if (body.ValueKind == JsonValueKind.Object && WebhookJson.String(body, "image") is { } image)
        {
            images.Add(image);
        }
        else if (WebhookJson.TryGet(body, "images", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            if (list.GetArrayLength() is 0 or > MaxImages)
            {
                return WebhookParseResult.Invalid($"images must hold 1 to {MaxImages} image references.");
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return WebhookParseResult.Invalid("images must be a list of strings.");
                }

                images.Add(item.GetString()!);
            }
        }
        else
        {
            return WebhookParseResult.Invalid("""the body must be {"image": "host/repo:tag"} or {"images": ["host/repo:tag", ...]}.""");
        }

        var repositories = new List<ImageReference>();
        foreach (var text in images)
        {
            if (!WebhookJson.TryRepository("image", text, out var repository, out var error))
            {
                return WebhookParseResult.Invalid(error);
            }

            repositories.Add(repository);
        }

        return WebhookParseResult.Push(repositories.Distinct().ToList());
    }
}
