namespace Dockward.Core.Webhooks;

/// <summary>What became of a delivery: its status, a sentence saying why, and the repositories whose checks are queued.</summary>
internal sealed record WebhookReceipt(WebhookReceiptStatus Status, string Message, IReadOnlyList<string> Repositories)
{
    public static WebhookReceipt Of(WebhookReceiptStatus status, string message) => new(status, message, []);
}
