using Dockward.Core.Security.Setup;

namespace Dockward.Functions.Security;

/// <summary>At start, makes sure there is a way in: the first admin from settings, or a setup token in the log.</summary>
internal sealed class FirstRunService(FirstRunSetup setup, ILogger<FirstRunService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(2);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await setup.EnsureAdminAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may come up after the host: keep trying, as /ready reports meanwhile.
                logger.LogWarning("First-run check failed ({Error}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
            }
        }
    }
}
