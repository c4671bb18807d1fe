namespace Dockward.Core.Webhooks;

/// <summary>How a delivery ended.</summary>
internal enum WebhookReceiptStatus
{
    /// <summary>Checks of the named repositories are queued (or already were).</summary>
    Queued,

    /// <summary>Authentic and well-formed, but not a push worth a check (a pull, a delete, a ping).</summary>
    Ignored,

    /// <summary>No parser has this name.</summary>
    UnknownProvider,

    /// <summary>The provider has no secret set: webhooks from it are off.</summary>
    Disabled,

    /// <summary>The secret or signature is missing or wrong.</summary>
    Unauthorized,

    /// <summary>The body is not JSON, or not the provider's payload.</summary>
    Invalid,
}
