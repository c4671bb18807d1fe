namespace Dockward.Core.Webhooks;

/// <summary>
/// Reads one source's push notification (Docker Hub, Harbor, a distribution registry…). One implementation per
/// source, one file each; adding a source is one new parser and one registration line.
/// </summary>
internal interface IWebhookParser
{
    /// <summary>The provider name in the route <c>/api/webhooks/{provider}</c>, lower case; its secret is stored under it.</summary>
    string Provider { get; }

    /// <summary>Other route names served by this parser with the same secret (e.g. <c>gitlab</c> for <c>distribution</c>).</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>How a delivery proves it comes from the provider: the ways this source can carry the shared secret.</summary>
    WebhookAuthMethods Auth { get; }

    /// <summary>
    /// The repositories a delivery says were pushed to, why it is ignored (a pull, a delete, a ping), or why it is
    /// malformed. Never throws for bad input.
    /// </summary>
    WebhookParseResult Parse(WebhookDelivery delivery);
}
