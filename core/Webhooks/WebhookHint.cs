namespace Dockward.Core.Webhooks;

/// <summary>
/// A repository some provider said was pushed to, waiting for its check. One per repository: deliveries for it
/// before <paramref name="DueAt"/> add nothing, so a burst of pushes is one check.
/// </summary>
/// <param name="Repository">The repository as image references name it, without tag (e.g. <c>ghcr.io/acme/api</c>).</param>
/// <param name="Provider">The provider of the first delivery, for the log and the audit entry.</param>
/// <param name="Version">The store's version (ETag): whoever deletes at this version runs the check.</param>
internal sealed record WebhookHint(string Repository, string Provider, DateTimeOffset QueuedAt, DateTimeOffset DueAt, string? Version = null);
