using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.ControlPlane;
using Dockward.Agent.Docker;
using Dockward.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Inventory;

/// <summary>
/// Sends the host's inventory at start, shortly after Docker container events (debounced), and on every
/// heartbeat, with a resource sample of each running container. The report is the heartbeat: the control plane
/// marks the agent seen when it arrives.
/// </summary>
internal sealed class InventoryReporter(
    IDockerClient docker,
    InventoryCollector collector,
    StatsSampler sampler,
    IControlPlaneApi api,
    AgentSession session,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<InventoryReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    /// <summary>The most the stats samples may add to a report: the report is the heartbeat, it must not be late.</summary>
    private static readonly TimeSpan SamplingBudget = TimeSpan.FromSeconds(5);
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = WatchEventsAsync(stoppingToken);
        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReportOnceAsync(stoppingToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(heartbeat);
            try
            {
                await changes.Reader.ReadAsync(wait.Token);
                await Task.Delay(Debounce, clock, stoppingToken);
                changes.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // heartbeat due
            }
        }
    }

    private async Task ReportOnceAsync(CancellationToken cancellationToken)
    {
        var identity = await session.GetAsync(cancellationToken);
        try
        {
            var containers = await collector.CollectAsync(cancellationToken);
            var stats = await sampler.SampleRunningAsync(containers, SamplingBudget, cancellationToken);
            var report = new InventoryReport(containers, clock.GetUtcNow(), AgentSession.AgentVersion, await DockerEngine.VersionAsync(docker, cancellationToken), stats);
            await api.ReportInventoryAsync(identity.AgentId, report, cancellationToken);
            logger.LogDebug("Reported {Count} containers", containers.Count);
        }
        catch (Refit.ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            session.Reject(identity);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Inventory report failed ({Error}); retrying at the next heartbeat", e.Message);
        }
    }

    private async Task WatchEventsAsync(CancellationToken stoppingToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["type"] = new Dictionary<string, bool> { ["container"] = true } };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await docker.System.MonitorEventsAsync(
                    new ContainerEventsParameters { Filters = filters },
                    new Progress<Message>(_ => changes.Writer.TryWrite(true)),
                    stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Docker event stream ended ({Error}); reconnecting", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }
}
