using Microsoft.Extensions.Hosting;

namespace Dockward.Core.Events;

/// <summary>Runs this instance's <see cref="EventFeed"/> for as long as the host runs.</summary>
internal sealed class EventFeedRunner(EventFeed feed) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => feed.RunAsync(stoppingToken);
}
