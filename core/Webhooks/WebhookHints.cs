using Dockward.Core.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Webhooks;

/// <summary>Queues a check of a repository a webhook named, debounced: the first delivery sets the due time, later ones join it.</summary>
internal sealed class WebhookHints(IWebhookHintStore store, WebhookWakeUps wakeUps, IOptions<WebhooksOptions> options, TimeProvider clock, ILogger<WebhookHints> logger)
{
    /// <summary>Queues a check of <paramref name="repository"/>; false when one is already pending (this delivery joins it).</summary>
    public async Task<bool> QueueAsync(ImageReference repository, string provider, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = now.AddSeconds(options.Value.DebounceSeconds);
        var added = await store.AddAsync(new WebhookHint(repository.Name, provider, now, due), cancellationToken);
        if (added)
        {
            wakeUps.Add(due);
            logger.LogInformation("Webhook from {Provider}: check of {Repository} queued for {Due:o}", provider, repository.Name, due);
        }
        else
        {
            logger.LogInformation("Webhook from {Provider}: check of {Repository} already queued", provider, repository.Name);
        }

        return added;
    }
}
