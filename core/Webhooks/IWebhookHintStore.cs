namespace Dockward.Core.Webhooks;

/// <summary>Pending webhook hints, shared by every control plane instance.</summary>
internal interface IWebhookHintStore
{
    /// <summary>Adds the hint unless its repository already has one pending; true when this call added it.</summary>
    Task<bool> AddAsync(WebhookHint hint, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> hints due at <paramref name="now"/> or earlier, each with its version.</summary>
    Task<IReadOnlyList<WebhookHint>> DueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the hint if it is still at the version read; true for exactly one caller, which then runs its check.
    /// False when another instance took it first.
    /// </summary>
    Task<bool> TakeAsync(WebhookHint hint, CancellationToken cancellationToken);
}
