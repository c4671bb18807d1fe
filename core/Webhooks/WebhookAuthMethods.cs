namespace Dockward.Core.Webhooks;

/// <summary>The ways a delivery can carry the provider's shared secret; a parser allows one or more.</summary>
[Flags]
internal enum WebhookAuthMethods
{
    None = 0,

    /// <summary><c>?token=&lt;secret&gt;</c> in the URL: for sources that sign nothing and send no custom header (Docker Hub, Quay).</summary>
    UrlToken = 1,

    /// <summary><c>Authorization: Bearer &lt;secret&gt;</c> (or the bare secret), a header the source is configured to send.</summary>
    AuthorizationHeader = 2,

    /// <summary><c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> (GitHub).</summary>
    HubSignature = 4,

    /// <summary><c>X-Dockward-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> (generic senders).</summary>
    DockwardSignature = 8,
}
