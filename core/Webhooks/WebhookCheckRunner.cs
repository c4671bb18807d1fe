using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Runs the checks webhooks queued, when due: takes each due hint from the store (a delete at the version read, so
/// with several instances exactly one runs it), checks that repository only, and audits the check. Wakes when a
/// hint queued here falls due, and sweeps the store every <see cref="WebhooksOptions.SweepSeconds"/> for hints
/// queued elsewhere or left by an instance that stopped.
/// </summary>
internal sealed class WebhookCheckRunner(
    IWebhookHintStore store,
    WebhookWakeUps wakeUps,
    IServiceScopeFactory scopes,
    AuditTrail audit,
    IOptions<WebhooksOptions> options,
    TimeProvider clock,
    ILogger<WebhookCheckRunner> logger) : BackgroundService
{
    /// <summary>Hints taken per sweep; more wait for the next one, which follows at once.</summary>
    private const int BatchSize = 50;

    /// <summary>The longest one repository's check may take (each registry call has its own, shorter timeout).</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        var nextSweep = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var wake = wakeUps.Earliest(now, consume: false);
            if (now >= nextSweep || wake <= now)
            {
                wakeUps.Earliest(now, consume: true);
                var full = false;
                try
                {
                    full = await RunDueAsync(now, stoppingToken) == BatchSize;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The store down: try again at the next sweep; the hints stay where they are.
                    logger.LogError(e, "Could not run the due webhook checks");
                }

                nextSweep = full ? now : now + sweep;
            }

            var until = wakeUps.Earliest(clock.GetUtcNow(), consume: false) is { } due && due < nextSweep ? due : nextSweep;
            var delay = until - clock.GetUtcNow();
            try
            {
                await wakeUps.WaitAsync(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Runs every hint due at <paramref name="now"/> that this instance manages to take; returns how many were due.</summary>
    internal async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await store.DueAsync(now, BatchSize, cancellationToken);
        foreach (var hint in due)
        {
            if (!await store.TakeAsync(hint, cancellationToken))
            {
                logger.LogDebug("Webhook check of {Repository} taken by another instance", hint.Repository);
                continue;
            }

            await CheckAsync(hint, cancellationToken);
        }

        return due.Count;
    }

    private async Task CheckAsync(WebhookHint hint, CancellationToken stoppingToken)
    {
        var actor = new Actor($"webhook:{hint.Provider}", null);
        if (!ImageReference.TryParse(hint.Repository, out var repository, out var error))
        {
            // Only valid names are stored; a row edited by hand is dropped, not retried forever.
            logger.LogWarning("Dropped webhook hint {Repository}: {Error}", hint.Repository, error);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var scan = scope.ServiceProvider.GetRequiredService<RegistryScan>();
            var summary = await scan.RunAsync(Triggers.Webhook, repository, timeout.Token);
            logger.LogInformation(
                "Webhook check of {Repository} from {Provider}: {Images} images, {Updates} with updates, {Jobs} jobs queued, {Errors} errors",
                hint.Repository, hint.Provider, summary.Images, summary.UpdatesAvailable, summary.JobsCreated, summary.Errors);
            await audit.SucceededAsync(actor, "webhook.check", hint.Repository,
                $"{summary.Images} images checked, {summary.UpdatesAvailable} with updates, {summary.JobsCreated} jobs queued, {summary.Errors} errors",
                stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Not queued again: a check that keeps failing would loop; the scheduled scan still covers the repository.
            logger.LogError(e, "Webhook check of {Repository} from {Provider} failed", hint.Repository, hint.Provider);
            await audit.FailedAsync(actor, "webhook.check", hint.Repository, e.Message, stoppingToken);
        }
    }
}
